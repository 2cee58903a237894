import { buttonClass } from "./styles";

/** A button that starts something slow ("Test connection"): disabled, and saying `busyLabel`, while it runs. */
export function BusyButton({
  label,
  busyLabel,
  isBusy,
  onClick,
  className = buttonClass.secondary,
}: {
  label: string;
  busyLabel: string;
  isBusy: boolean;
  onClick: () => void;
  className?: string;
}) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={isBusy}>
      {isBusy ? busyLabel : label}
    </button>
  );
}
