// The one way tokens a provider minted (a refreshed access token, a rotated refresh token) are written back.
//
// A refresh runs on a snapshot of the integration and can take seconds. If meanwhile someone changed where the
// credentials go (api_base_url, config.instance_url) or the credentials themselves, the fresh tokens belong to the
// old setup: storing them would let an admin who never knew the secrets point the integration at a host of theirs
// and collect a live token on the next call. So they are written only if the row still has the destination and the
// exact stored ciphertexts the refresh started from, compared under a row lock, and are otherwise thrown away.
import { recordAudit, type AuditAction } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { isEncryptedPayload } from "@/lib/crypto/secrets";
import type { Integration, Prisma } from "@/lib/generated/prisma/client";

export type CredentialSnapshot = Pick<
  Integration,
  "id" | "apiBaseUrl" | "config" | "apiKey" | "apiSecret" | "accessToken" | "refreshToken"
>;

export type RefreshedTokens = {
  /** Ciphertexts, sealed for this row and column (lib/integrations/integration-secrets.ts). */
  accessToken?: string;
  refreshToken?: string;
  tokenExpiresAt?: Date | null;
  /** Where the provider says the account lives now (Salesforce's instance_url). */
  instanceUrl?: string;
};

/** Columns that describe the same credentials, written together with them (health, refresh bookkeeping). */
export type CredentialStatus = Pick<
  Prisma.IntegrationUpdateInput,
  | "needsReauth"
  | "lastCheckedAt"
  | "lastCheckOk"
  | "lastCheckError"
  | "lastRefreshedAt"
  | "refreshStartedAt"
  | "refreshFailures"
>;

/** An audit entry written in the same transaction when the tokens are stored (by the system: no person acted). */
export type CredentialAudit = { action: AuditAction; changedFields: string[]; label: string };

const instanceUrlOf = (config: unknown): string | null => {
  const value = (config as { instance_url?: unknown } | null)?.instance_url;
  return typeof value === "string" ? value : null;
};

/**
 * Writes `tokens` (and `alsoSet`, which describes the same credentials, e.g. needsReauth) if the integration still
 * matches `snapshot`; answers whether it did. A refresh token the provider did not send back is kept (an absent
 * `refreshToken` leaves the stored one alone: providers that do not rotate answer without one).
 */
export async function storeRefreshedTokens(options: {
  snapshot: CredentialSnapshot;
  tokens: RefreshedTokens;
  alsoSet?: CredentialStatus;
  audit?: CredentialAudit;
}): Promise<boolean> {
  const { snapshot, tokens, alsoSet, audit } = options;
  for (const token of [tokens.accessToken, tokens.refreshToken]) {
    if (token !== undefined && !isEncryptedPayload(token))
      throw new Error("storeRefreshedTokens takes sealed tokens, never plaintext");
  }
  return db().$transaction(async (tx) => {
    // IS NOT DISTINCT FROM: null must equal null (an unset secret stayed unset), and differ from any value.
    const unchanged = await tx.$queryRaw<{ config: Prisma.JsonValue; org_id: string }[]>`
      SELECT config, org_id::text FROM integrations
      WHERE id = ${snapshot.id}::uuid
        AND api_base_url IS NOT DISTINCT FROM ${snapshot.apiBaseUrl}::text
        AND (config ->> 'instance_url') IS NOT DISTINCT FROM ${instanceUrlOf(snapshot.config)}::text
        AND api_key IS NOT DISTINCT FROM ${snapshot.apiKey}::text
        AND api_secret IS NOT DISTINCT FROM ${snapshot.apiSecret}::text
        AND access_token IS NOT DISTINCT FROM ${snapshot.accessToken}::text
        AND refresh_token IS NOT DISTINCT FROM ${snapshot.refreshToken}::text
      FOR UPDATE`;
    if (unchanged.length === 0) return false;
    const config = unchanged[0].config as Record<string, unknown>;
    await tx.integration.update({
      where: { id: snapshot.id },
      data: {
        ...alsoSet,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        tokenExpiresAt: tokens.tokenExpiresAt,
        // Merged into the config as it is now, so an edit of other keys made meanwhile is kept.
        ...(tokens.instanceUrl === undefined ? {} : { config: { ...config, instance_url: tokens.instanceUrl } }),
      },
    });
    if (audit) {
      await recordAudit(tx, {
        actor: { kind: "system", label: audit.label },
        orgId: unchanged[0].org_id,
        action: audit.action,
        targetType: "integration",
        targetId: snapshot.id,
        changedFields: audit.changedFields,
      });
    }
    return true;
  });
}

/**
 * Stores tokens a provider just granted (a refresh, or a person reconnecting) and clears needs_reauth with the
 * refusal that set it: working credentials are the end of "Reconnect". Same snapshot rule as storeRefreshedTokens.
 */
export async function storeGrantedTokensAndClearReauth(options: {
  snapshot: CredentialSnapshot & Pick<Integration, "needsReauth">;
  tokens: RefreshedTokens;
  audit?: CredentialAudit;
}): Promise<boolean> {
  const { snapshot } = options;
  return storeRefreshedTokens({
    ...options,
    alsoSet: {
      needsReauth: false,
      lastRefreshedAt: new Date(),
      refreshStartedAt: null,
      refreshFailures: 0,
      // The refusal shown with needs_reauth is over; a check's own failure (not about the token) stays.
      ...(snapshot.needsReauth ? { lastCheckError: null, lastCheckOk: null } : {}),
    },
  });
}
