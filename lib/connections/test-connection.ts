// POST /organization-integration/{id}/test: one harmless authenticated call to the provider, result recorded on the
// integration (last_checked_at, last_check_ok, last_check_error) so the UI can show the connection's health.
import { AppError } from "@/lib/api/errors";
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
    // Unreachable or too slow is an answer about the connection, not a failure of this request.
    if (error instanceof AppError && error.code === "bad_gateway") result = { ok: false, error: error.message };
    else throw error;
  }
  await db().integration.update({
    where: { id: integration.id },
    data: {
      ...result.changes,
      lastCheckedAt: new Date(),
      lastCheckOk: result.ok,
      lastCheckError: result.ok ? null : result.error.slice(0, 500),
      ...(!result.ok && result.needsReauth ? { needsReauth: true } : {}),
    },
  });
  return result.ok ? { ok: true, details: result.details } : { ok: false, error: result.error };
}
