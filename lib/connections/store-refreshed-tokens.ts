// The one way tokens a provider minted (a refreshed access token, a rotated refresh token) are written back.
//
// A refresh runs on a snapshot of the integration and can take seconds. If meanwhile someone changed where the
// credentials go (api_base_url, config.instance_url) or the credentials themselves, the fresh tokens belong to the
// old setup: storing them would let an admin who never knew the secrets point the integration at a host of theirs
// and collect a live token on the next call. So they are written only if the row still has the destination and the
// exact stored ciphertexts the refresh started from, compared under a row lock, and are otherwise thrown away.
import { db } from "@/lib/db/prisma";
import { isEncryptedPayload } from "@/lib/crypto/secrets";
import type { Integration, Prisma } from "@/lib/generated/prisma/client";

export type CredentialSnapshot = Pick<Integration, "id" | "apiBaseUrl" | "config" | "apiKey" | "apiSecret" | "accessToken" | "refreshToken">;

export type RefreshedTokens = {
  /** Ciphertexts, sealed for this row and column (lib/integrations/integration-secrets.ts). */
  accessToken?: string;
  refreshToken?: string;
  tokenExpiresAt?: Date | null;
  /** Where the provider says the account lives now (Salesforce's instance_url). */
  instanceUrl?: string;
};

const instanceUrlOf = (config: unknown): string | null => {
  const value = (config as { instance_url?: unknown } | null)?.instance_url;
  return typeof value === "string" ? value : null;
};

/**
 * Writes `tokens` (and `alsoSet`, which describes the same credentials, e.g. needsReauth) if the integration still
 * matches `snapshot`; answers whether it did.
 */
export async function storeRefreshedTokens(options: {
  snapshot: CredentialSnapshot;
  tokens: RefreshedTokens;
  alsoSet?: Pick<Prisma.IntegrationUpdateInput, "needsReauth">;
}): Promise<boolean> {
  const { snapshot, tokens, alsoSet } = options;
  for (const token of [tokens.accessToken, tokens.refreshToken]) {
    if (token !== undefined && !isEncryptedPayload(token)) throw new Error("storeRefreshedTokens takes sealed tokens, never plaintext");
  }
  return db().$transaction(async (tx) => {
    // IS NOT DISTINCT FROM: null must equal null (an unset secret stayed unset), and differ from any value.
    const unchanged = await tx.$queryRaw<{ config: Prisma.JsonValue }[]>`
      SELECT config FROM integrations
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
    return true;
  });
}
