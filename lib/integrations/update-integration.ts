import { badRequest } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";
import { SECRET_MASK, type TUpdateIntegration } from "@/lib/validations/integration";
import { assertCredentialsFollowDestination } from "./credential-destination";
import { findIntegrationForActor } from "./find-integration";
import { nextSecretValue, sealOptional } from "./integration-secrets";
import { toIntegrationDetail } from "./serialize-integration";
import { validateConfig } from "./validate-config";

export async function updateIntegration(options: { actor: Actor; input: TUpdateIntegration }) {
  const { actor, input } = options;
  const updated = await db().$transaction(async (tx) => {
    // Locked before it is read: the checks below (which secrets must be re-entered when the destination moves) must see
    // the version this update replaces, not one a concurrent token refresh changes in between (lib/connections/
    // store-refreshed-tokens.ts takes the same lock).
    await tx.$queryRaw`SELECT id FROM integrations WHERE id = ${input.id}::uuid FOR UPDATE`;
    const current = await findIntegrationForActor(input.id, actor, "write", tx);
    // An integration never moves between organizations or changes what it connects to.
    if (input.org_id && input.org_id !== current.orgId) throw badRequest("org_id cannot be changed");
    if (input.integration_type && input.integration_type !== current.integrationType) {
      throw badRequest("integration_type cannot be changed; create a new integration instead");
    }
    const nextConfig = input.config === undefined ? undefined : validateConfig(current.integrationType, input.config);
    assertCredentialsFollowDestination(current, input, nextConfig);
    const data: Prisma.IntegrationUpdateInput = {
      name: input.name,
      apiBaseUrl: input.api_base_url,
      webhookUrl: input.webhook_url,
      webhookVerifyToken:
        input.webhook_verify_token === undefined
          ? undefined
          : sealOptional(current.id, "webhookVerifyToken", input.webhook_verify_token),
      apiKey: input.api_key === undefined ? undefined : sealOptional(current.id, "apiKey", input.api_key),
      apiSecret: nextSecretValue(current.id, "apiSecret", input.api_secret),
      accessToken: nextSecretValue(current.id, "accessToken", input.access_token),
      refreshToken: nextSecretValue(current.id, "refreshToken", input.refresh_token),
      tokenExpiresAt:
        input.token_expires_at === undefined ? undefined : input.token_expires_at && new Date(input.token_expires_at),
      config: nextConfig as object | undefined,
      isActive: input.is_active,
    };
    if (current.integrationType === "facebook" && input.access_token === null) {
      throw badRequest("access_token cannot be removed from a facebook integration");
    }
    // New credentials are the fix for refused ones (a manual "Reconnect"): calls and the refresh sweep resume.
    if (data.accessToken || data.refreshToken) data.needsReauth = false;
    const changedFields = Object.entries(input)
      .filter(([key, value]) => !["id", "org_id", "integration_type"].includes(key) && value !== undefined)
      .filter(([, value]) => value !== SECRET_MASK)
      .map(([key]) => key);
    const row = await tx.integration.update({ where: { id: current.id }, data });
    await recordAudit(tx, {
      actor,
      orgId: row.orgId,
      action: "integration.updated",
      targetType: "integration",
      targetId: row.id,
      changedFields,
    });
    return schedulePageSubscription(tx, current, row);
  });
  return toIntegrationDetail(updated);
}
