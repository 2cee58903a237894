"use client";

import { focusRing } from "@/components/ui/styles";

/** An on/off switch (role="switch"), named after what it switches. */
export function ActiveSwitch({
  isActive,
  label,
  onChange,
  disabled,
}: {
  isActive: boolean;
  label: string;
  onChange: (next: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={isActive}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!isActive)}
      className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors disabled:opacity-60 ${focusRing} ${
        isActive ? "bg-green-700" : "bg-slate-500"
      }`}
    >
      <span
        aria-hidden="true"
        className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${isActive ? "translate-x-5" : "translate-x-0"}`}
      />
    </button>
  );
}
