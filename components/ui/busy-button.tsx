import { buttonClass } from "./styles";

/** A button that starts something slow ("Test connection"): disabled, and saying `busyLabel`, while it runs. */
export function BusyButton({
  label,
  busyLabel,
  isBusy,
  onClick,
}: {
  label: string;
  busyLabel: string;
  isBusy: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className={buttonClass.secondary} onClick={onClick} disabled={isBusy}>
      {isBusy ? busyLabel : label}
    </button>
  );
}
