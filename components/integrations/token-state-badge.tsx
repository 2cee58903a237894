// How an integration's token is doing, in a word: "Reconnect" when the provider refused the credentials for good
// (needs_reauth: nothing is called until a person replaces them), "Token expiring" / "Refreshing" while the refresh
// engine works on it. Nothing is shown when all is well, so the list stays quiet.
import type { TTokenState } from "@/lib/validations/integration-response";

const LOOKS: Partial<Record<TTokenState, { label: string; className: string; title: string }>> = {
  needs_reauth: {
    label: "Reconnect",
    className: "bg-red-100 text-red-900",
    title: "The provider refused the credentials (expired or revoked): nothing is sent until they are replaced.",
  },
  expiring: {
    label: "Token expiring",
    className: "bg-amber-100 text-amber-900",
    title: "The access token expires soon and could not be renewed yet.",
  },
  refreshing: {
    label: "Refreshing",
    className: "bg-sky-100 text-sky-900",
    title: "The access token is being renewed.",
  },
};

export function TokenStateBadge({ state }: { state: TTokenState | undefined }) {
  const look = state ? LOOKS[state] : undefined;
  if (!look) return null;
  return (
    <span
      data-testid="token-state"
      title={look.title}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${look.className}`}
    >
      {look.label}
    </span>
  );
}

export const TOKEN_STATE_WORDS: Record<TTokenState, string> = {
  valid: "valid",
  expiring: "expiring soon",
  refreshing: "being refreshed",
  needs_reauth: "refused — reconnect needed",
  no_expiry: "does not expire",
};
