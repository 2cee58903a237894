import type { ReactNode } from "react";
import { buttonClass } from "./styles";

const variants = { secondary: buttonClass.secondary, danger: `${buttonClass.ghost} text-red-800` };

/**
 * A button in one row of a list: it shows a short verb ("Remove") and tells screen readers which row it acts on
 * (`label`, e.g. "Remove ann@example.com"), since every row has the same verb.
 */
export function RowButton({
  label,
  variant,
  onClick,
  children,
}: {
  label: string;
  variant: keyof typeof variants;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className={variants[variant]} aria-label={label} onClick={onClick}>
      {children}
    </button>
  );
}
