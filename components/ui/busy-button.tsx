import type { ReactNode } from "react";
import { buttonClass } from "./styles";

/** A button that starts something slow ("Test connection"): disabled, and saying `busyLabel`, while it runs. */
export function BusyButton({
  busyLabel,
  isBusy,
  onClick,
  className = buttonClass.secondary,
  children,
}: {
  busyLabel: string;
  isBusy: boolean;
  onClick: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={isBusy}>
      {isBusy ? busyLabel : children}
    </button>
  );
}
