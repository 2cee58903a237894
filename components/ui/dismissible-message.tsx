// The outcome of the last action on a page ("Changes saved.", why a toggle was undone), kept until dismissed or
// replaced by the next one.
import { Notice } from "./notice";
import { buttonClass } from "./styles";

export type TPageMessage = { tone: "error" | "success"; text: string };

export function DismissibleMessage({
  message,
  testId,
  onDismiss,
}: {
  message: TPageMessage | null;
  testId: string;
  onDismiss: () => void;
}) {
  if (!message) return null;
  return (
    <div data-testid={testId}>
      <Notice
        tone={message.tone}
        action={
          <button type="button" className={buttonClass.link} onClick={onDismiss}>
            Dismiss
          </button>
        }
      >
        {message.text}
      </Notice>
    </div>
  );
}
