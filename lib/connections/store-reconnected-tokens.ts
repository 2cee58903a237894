// The one way a "Reconnect" (lib/oauth/) writes a fresh grant onto an existing integration: same id, same history
// (messages, audit, delivery log), new credentials, and the health it had from the old ones forgotten. Next to
// store-refreshed-tokens.ts because both write provider-minted tokens; this one replaces the whole grant (the person
// signed in again) instead of checking that nothing moved meanwhile.
import { notFound } from "@/lib/errors";
import { assertResourcePermission, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import type { Integration, IntegrationType } from "@/lib/generated/prisma/client";
import { sealOptional, sealSecret } from "@/lib/integrations/integration-secrets";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";

export type ReconnectedCredentials = {
  apiBaseUrl: string;
  /** The OAuth app's client id / App ID, and its secret: what a refresh or a token check needs. */
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
  /** Merged into the stored config (instance_url, portal_id, page_id, page_name). */
  config: Record<string, unknown>;
};

export async function storeReconnectedTokens(options: {
  actor: Actor;
  orgId: string;
  integrationId: string;
  type: IntegrationType;
  credentials: ReconnectedCredentials;
}): Promise<Integration> {
  const { actor, orgId, integrationId: id, type, credentials } = options;
  return db().$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM integrations WHERE id = ${id}::uuid FOR UPDATE`;
    const before = current ? await tx.integration.findUnique({ where: { id } }) : null;
    if (!before || before.orgId !== orgId || before.integrationType !== type) throw notFound();
    assertResourcePermission(actor, before.orgId, "write");
    const updated = await tx.integration.update({
      where: { id },
      data: {
        apiBaseUrl: credentials.apiBaseUrl,
        apiKey: sealSecret(id, "apiKey", credentials.apiKey),
        apiSecret: sealSecret(id, "apiSecret", credentials.apiSecret),
        accessToken: sealSecret(id, "accessToken", credentials.accessToken),
        // The old refresh token belongs to the old grant (often the reason for reconnecting): never kept.
        refreshToken: sealOptional(id, "refreshToken", credentials.refreshToken),
        tokenExpiresAt: credentials.tokenExpiresAt,
        config: { ...(before.config as Record<string, unknown>), ...credentials.config } as object,
        needsReauth: false,
        lastCheckError: null,
        lastCheckOk: null,
        refreshFailures: 0,
        refreshStartedAt: null,
      },
    });
    await recordAudit(tx, {
      actor,
      orgId,
      action: "integration.reconnected",
      targetType: "integration",
      targetId: id,
      changedFields: [
        "api_base_url",
        "api_key",
        "api_secret",
        "access_token",
        "refresh_token",
        "token_expires_at",
        ...Object.keys(credentials.config).map((key) => `config.${key}`),
      ],
    });
    // A Facebook Page token replaced while active: the Page is subscribed again with it.
    return schedulePageSubscription(tx, before, updated);
  });
}
