// What else a message carries besides its text and files: the quick reply the person tapped, how they came to the
// conversation (m.me link, ad), and their reaction.
import type { TMessengerMessage } from "@/lib/validations/messenger-response";

type Referral = NonNullable<TMessengerMessage["referral"]>;

/** "Came from an ad (Running shoes)", "Came from an m.me link (ref spring-sale)". */
export function referralSentence(referral: Referral): string {
  const source =
    referral.source === "ADS"
      ? "an ad"
      : referral.source === "SHORTLINK"
        ? "an m.me link"
        : referral.source
          ? `${referral.source.toLowerCase()}`
          : "a link";
  const details = [referral.ads_context_data?.ad_title, referral.ref ? `ref ${referral.ref}` : null]
    .filter(Boolean)
    .join(", ");
  return `Came from ${source}${details ? ` (${details})` : ""}`;
}

export function MessageExtras({ message, isOutbound }: { message: TMessengerMessage; isOutbound: boolean }) {
  const muted = isOutbound ? "text-blue-100" : "text-slate-700";
  return (
    <>
      {message.quick_reply_payload && (
        <p className={`mt-1 text-xs ${muted}`} data-testid="quick-reply">
          Quick reply <code className="rounded bg-black/10 px-1">{message.quick_reply_payload}</code>
        </p>
      )}
      {message.postback?.payload && (
        <p className={`mt-1 text-xs ${muted}`} data-testid="postback-payload">
          Button payload <code className="rounded bg-black/10 px-1">{message.postback.payload}</code>
        </p>
      )}
      {message.referral && message.kind !== "referral" && (
        <p className={`mt-1 text-xs ${muted}`} data-testid="referral">
          {referralSentence(message.referral)}
        </p>
      )}
      {message.reaction && (
        <p className="mt-1 text-base leading-none" data-testid="reaction">
          <span aria-hidden="true">{message.reaction}</span>
          <span className="sr-only">Reacted {message.reaction}</span>
        </p>
      )}
    </>
  );
}
