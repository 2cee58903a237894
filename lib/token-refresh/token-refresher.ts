// What a provider's folder implements to keep its tokens alive (lib/providers/<type>/token-refresh.ts). The engine
// (refresh-integration-token.ts) decides when, makes sure one refresh per token runs at a time, and stores the result.
import type { Integration } from "@/lib/generated/prisma/client";

/** Plaintext tokens as the provider answered them; the engine seals them for their row before they are stored. */
export type RefreshGrant =
  | {
      outcome: "refreshed";
      accessToken: string;
      refreshToken?: string;
      tokenExpiresAt: Date | null;
      instanceUrl?: string;
    }
  /** The provider refused the credentials for good (invalid_grant, a revoked token, Meta's 190): a person must act. */
  | { outcome: "rejected"; reason: string };

export type TokenRefresher = {
  /** The integration holds what a refresh needs (a refresh token, the client id and secret, …). */
  canRefresh(integration: Integration): boolean;
  /** Answers a grant or a refusal; a transient failure (network, timeout, 5xx) throws and changes nothing. */
  refresh(integration: Integration): Promise<RefreshGrant>;
  /** For providers that expire refresh tokens nobody uses: the sweep refreshes at least this often. */
  touchEveryMs?: number;
};

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A token endpoint's refusal no retry can fix (the refresh token expired or revoked, the client's credentials wrong):
 * one of the provider's `permanentCodes`, on a 4xx. Anything else (a 5xx, a proxy's page) is transient.
 */
export const isPermanentRefusal = (status: number, code: string, permanentCodes: readonly string[]) =>
  status < 500 && permanentCodes.includes(code);
