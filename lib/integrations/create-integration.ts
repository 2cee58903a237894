import { randomUUID } from "node:crypto";
import { badRequest } from "@/lib/errors";
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";
import { providerOf } from "@/lib/providers/registry";
import { providerServerOf } from "@/lib/providers/server-registry";
import type { TCreateIntegration } from "@/lib/validations/integration";
import { sealOptional } from "./integration-secrets";
import { toIntegrationDetail } from "./serialize-integration";
import { validateConfig } from "./validate-config";

export async function createIntegration(options: { actor: Actor; input: TCreateIntegration }) {
  const { actor, input } = options;
  assertOrgPermission(actor, input.org_id, "write");
  const type = input.integration_type;
  const config = validateConfig(type, input.config ?? {});
  const provider = providerOf(type);
  for (const { field, message } of provider.requiredOnCreate ?? []) if (!input[field]) throw badRequest(message);
  // What the provider's folder fills in when the admin gives none (Facebook: the webhook URL and verify token).
  const defaults = providerServerOf(type).creationDefaults?.(input.org_id) ?? {};

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
        apiBaseUrl: input.api_base_url ?? defaults.apiBaseUrl ?? provider.defaultApiBaseUrl ?? null,
        webhookUrl: input.webhook_url ?? defaults.webhookUrl ?? null,
        webhookVerifyToken: sealOptional(
          id,
          "webhookVerifyToken",
          input.webhook_verify_token ?? defaults.webhookVerifyToken ?? null,
        ),
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
