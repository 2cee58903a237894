import { randomUUID } from "node:crypto";
import { badRequest } from "@/lib/api/errors";
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";
import type { TCreateIntegration } from "@/lib/validations/integration";
import { defaultApiBaseUrl, facebookWebhookUrl, generateVerifyToken } from "./integration-defaults";
import { sealOptional } from "./integration-secrets";
import { toIntegrationDetail } from "./serialize-integration";
import { validateConfig } from "./validate-config";

export async function createIntegration(options: { actor: Actor; input: TCreateIntegration }) {
  const { actor, input } = options;
  assertOrgPermission(actor, input.org_id, "write");
  const type = input.integration_type;
  const config = validateConfig(type, input.config ?? {});
  const isFacebook = type === "facebook";
  if (isFacebook && !input.access_token) throw badRequest("access_token (the Page Access Token) is required for facebook");

  // The id is chosen here because every secret is sealed to its row (and column) before the row is written.
  const id = randomUUID();
  const integration = await db().$transaction(async (tx) => {
    const created = await tx.integration.create({
      data: {
        id,
        orgId: input.org_id,
        integrationType: type,
        name: input.name,
        isActive: input.is_active ?? false,
        apiBaseUrl: input.api_base_url ?? defaultApiBaseUrl(type),
        webhookUrl: input.webhook_url ?? (isFacebook ? facebookWebhookUrl(input.org_id) : null),
        webhookVerifyToken: sealOptional(id, "webhookVerifyToken", input.webhook_verify_token ?? (isFacebook ? generateVerifyToken() : null)),
        apiKey: sealOptional(id, "apiKey", input.api_key),
        apiSecret: sealOptional(id, "apiSecret", input.api_secret),
        accessToken: sealOptional(id, "accessToken", input.access_token || null),
        refreshToken: sealOptional(id, "refreshToken", input.refresh_token),
        tokenExpiresAt: input.token_expires_at ? new Date(input.token_expires_at) : null,
        config: config as object,
      },
    });
    await recordAudit(tx, {
      actor,
      orgId: created.orgId,
      action: "integration.created",
      targetType: "integration",
      targetId: created.id,
      changedFields: Object.keys(input).filter((key) => key !== "org_id"),
    });
    // An active Page is subscribed to the app in the background (a failure shows on the integration, never here).
    return schedulePageSubscription(tx, null, created);
  });
  return toIntegrationDetail(integration);
}
