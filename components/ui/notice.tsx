// Inline messages. `role="status"` for news, `role="alert"` only for errors the user must act on.
import type { ReactNode } from "react";

const tones = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  success: "border-green-300 bg-green-50 text-green-900",
  info: "border-blue-200 bg-blue-50 text-blue-900",
};

export function Notice({
  tone,
  title,
  children,
  testId,
  action,
}: {
  tone: keyof typeof tones;
  title?: string;
  children?: ReactNode;
  testId?: string;
  action?: ReactNode;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`flex items-start justify-between gap-4 rounded-md border px-4 py-3 text-sm ${tones[tone]}`}
    >
      <div>
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={title ? "mt-1" : undefined}>{children}</div>}
      </div>
      {action}
    </div>
  );
}
