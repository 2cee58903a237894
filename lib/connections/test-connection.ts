// POST /organization-integration/{id}/test: one harmless authenticated call to the provider, result recorded on the
// integration (last_checked_at, last_check_ok, last_check_error) so the UI can show the connection's health.
import { AppError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { IntegrationType } from "@/lib/generated/prisma/enums";
import { findIntegrationForActor } from "@/lib/integrations/find-integration";
import type { CheckResult, ConnectionCheck } from "./connection-check";
import { checkFacebook } from "./facebook-check";
import { checkHubSpot } from "./hubspot-check";
import { checkOdoo } from "./odoo-check";
import { checkSalesforce } from "./salesforce-check";

const checks: Partial<Record<IntegrationType, ConnectionCheck>> = {
  facebook: checkFacebook,
  hubspot: checkHubSpot,
  salesforce: checkSalesforce,
  odoo_crm: checkOdoo,
};

export type TestConnectionResult = { ok: true; details: Record<string, unknown> } | { ok: false; error: string };

export async function testConnection(options: { actor: Actor; id: string }): Promise<TestConnectionResult> {
  const integration = await findIntegrationForActor(options.id, options.actor, "write");
  const check = checks[integration.integrationType];
  if (!check) return { ok: false, error: `Test connection is not available for ${integration.integrationType} yet` };

  let result: CheckResult;
  try {
    result = await check(integration);
  } catch (error) {
    // Unreachable, too slow or a refused address is an answer about the connection, not a failure of this request.
    if (error instanceof AppError && (error.code === "bad_gateway" || error.code === "bad_request")) {
      result = { ok: false, error: error.message };
    } else throw error;
  }
  await recordCheck(integration.id, integration.updatedAt, result);
  await recordAudit(db(), {
    actor: options.actor,
    orgId: integration.orgId,
    action: "integration.connection_tested",
    targetType: "integration",
    targetId: integration.id,
    changedFields: [],
  });
  return result.ok ? { ok: true, details: result.details } : { ok: false, error: result.error };
}

/**
 * The check ran on a snapshot, up to PROVIDER_TIMEOUT_MS ago. If an admin saved the integration meanwhile, their
 * edit wins: only the check's status and the tokens the provider rotated (the only valid ones now) are written.
 */
async function recordCheck(id: string, snapshotUpdatedAt: Date, result: CheckResult) {
  const status = {
    lastCheckedAt: new Date(),
    lastCheckOk: result.ok,
    lastCheckError: result.ok ? null : result.error.slice(0, 500),
    ...(!result.ok && result.needsReauth ? { needsReauth: true } : {}),
  };
  const changes = result.changes ?? {};
  const { count } = await db().integration.updateMany({ where: { id, updatedAt: snapshotUpdatedAt }, data: { ...changes, ...status } });
  if (count > 0) return;
  const rotatedTokens = Object.fromEntries(
    Object.entries(changes).filter(([field]) => field === "accessToken" || field === "refreshToken" || field === "tokenExpiresAt"),
  );
  await db().integration.updateMany({ where: { id }, data: { ...rotatedTokens, ...status } });
}
