// What "Test connection" found about a Messenger connection, line by line: the token as Meta describes it (valid,
// type, expiry, permissions), the Page's webhook subscription, and the last delivery from Meta.
import { fullDate, timeAgo } from "@/lib/ui/format";

type TokenDetails = {
  checked?: boolean;
  reason?: string;
  is_valid?: boolean;
  type?: string | null;
  expires_at?: string | null;
  never_expires?: boolean;
  missing_scopes?: string[];
  error?: string | null;
};
type SubscriptionDetails = { is_subscribed?: boolean | null; missing_fields?: string[]; error?: string };

function tokenLine(token: TokenDetails | undefined): string | null {
  if (!token) return null;
  if (!token.checked) return `Token: not inspected — ${token.reason ?? "App ID and App Secret needed"}.`;
  if (!token.is_valid) return `Token: not valid — ${token.error ?? "Meta refused it"}.`;
  const expiry = token.never_expires
    ? "never expires"
    : token.expires_at
      ? `expires ${fullDate(token.expires_at)}`
      : "expiry unknown";
  const scopes = token.missing_scopes?.length
    ? `missing ${token.missing_scopes.join(", ")}`
    : "has pages_messaging and pages_manage_metadata";
  return `Token: valid ${token.type ?? ""} token, ${expiry}, ${scopes}.`.replace("  ", " ");
}

function subscriptionLine(subscription: SubscriptionDetails | undefined): string | null {
  if (!subscription) return null;
  if (subscription.error) return `Webhook subscription: unknown — ${subscription.error}.`;
  if (!subscription.is_subscribed) return "Webhook subscription: the Page is not subscribed to this app.";
  if (subscription.missing_fields?.length)
    return `Webhook subscription: subscribed, without ${subscription.missing_fields.join(", ")}.`;
  return "Webhook subscription: subscribed to every field the inbox uses.";
}

export function FacebookHealthDetails({ details }: { details: Record<string, unknown> }) {
  const lastEventAt = typeof details.last_event_at === "string" ? details.last_event_at : null;
  const lines = [
    tokenLine(details.token as TokenDetails | undefined),
    subscriptionLine(details.subscription as SubscriptionDetails | undefined),
    `Last webhook from Meta: ${lastEventAt ? `${timeAgo(lastEventAt)} (${fullDate(lastEventAt)})` : "none received yet"}.`,
  ].filter((line): line is string => line !== null);
  return (
    <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="facebook-health">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
