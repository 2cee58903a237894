// What the detail's `status.token_state` says about an integration's access token, from its columns alone (pure, so
// the list, the detail and the sweep agree): it needs a person (needs_reauth), a refresh is in flight (refreshing),
// it expires soon (expiring), it is fine (valid), or no expiry is known (no_expiry: a private-app or Page token).
import type { Integration } from "@/lib/generated/prisma/client";

export const TOKEN_STATES = ["valid", "expiring", "refreshing", "needs_reauth", "no_expiry"] as const;
export type TokenState = (typeof TOKEN_STATES)[number];

export type TokenStateColumns = Pick<Integration, "needsReauth" | "tokenExpiresAt" | "refreshStartedAt">;

/** A refresh that started longer ago than this is over (it finished, or its process died): see refresh-claim.ts. */
export type TokenStateOptions = { now: Date; expiringWithinMs: number; refreshLeaseMs: number };

export function tokenStateOf(row: TokenStateColumns, options: TokenStateOptions): TokenState {
  const now = options.now.getTime();
  if (row.needsReauth) return "needs_reauth";
  if (row.refreshStartedAt && now - row.refreshStartedAt.getTime() < options.refreshLeaseMs) return "refreshing";
  if (!row.tokenExpiresAt) return "no_expiry";
  return row.tokenExpiresAt.getTime() - now <= options.expiringWithinMs ? "expiring" : "valid";
}
