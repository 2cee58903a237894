// POST /organization-integration/{id}/test: one harmless authenticated call to the provider, result recorded on the
// integration (last_checked_at, last_check_ok, last_check_error) so the UI can show the connection's health.
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Integration, Prisma } from "@/lib/generated/prisma/client";
import { findIntegrationForActor } from "@/lib/integrations/find-integration";
import { providerServerOf } from "@/lib/providers/server-registry";
import type { TTestConnectionResult } from "@/lib/validations/integration-response";
import type { CheckResult } from "./connection-check";
import { storeRefreshedTokens, type RefreshedTokens } from "./store-refreshed-tokens";

// A failed check may still describe what it found (e.g. Facebook's token and subscription health) in `details`.
export type TestConnectionResult = TTestConnectionResult;

export async function checkConnection(options: { actor: Actor; id: string }): Promise<TestConnectionResult> {
  const integration = await findIntegrationForActor(options.id, options.actor, "write");
  const check = providerServerOf(integration.integrationType).checkConnection;
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
  await recordCheck(integration, result);
  await recordAudit(db(), {
    actor: options.actor,
    orgId: integration.orgId,
    action: "integration.connection_tested",
    targetType: "integration",
    targetId: integration.id,
    changedFields: [],
  });
  if (result.ok) return { ok: true, details: result.details };
  return result.details
    ? { ok: false, error: result.error, details: result.details }
    : { ok: false, error: result.error };
}

/** The tokens a check minted, in the shape storeRefreshedTokens takes. Checks change nothing else but needsReauth. */
function refreshedTokensOf(changes: Prisma.IntegrationUpdateInput): RefreshedTokens {
  const instanceUrl = (changes.config as { instance_url?: unknown } | undefined)?.instance_url;
  return {
    ...(typeof changes.accessToken === "string" ? { accessToken: changes.accessToken } : {}),
    ...(typeof changes.refreshToken === "string" ? { refreshToken: changes.refreshToken } : {}),
    ...(changes.tokenExpiresAt instanceof Date || changes.tokenExpiresAt === null
      ? { tokenExpiresAt: changes.tokenExpiresAt }
      : {}),
    ...(typeof instanceUrl === "string" ? { instanceUrl } : {}),
  };
}

/**
 * The check ran on a snapshot, up to PROVIDER_TIMEOUT_MS ago. What it learnt about the credentials (fresh tokens,
 * needs_reauth) is written only if they and their destination are still the ones it used; when it happened and
 * what it answered is always recorded.
 */
async function recordCheck(loaded: Integration, result: CheckResult) {
  // Tokens the refresh engine stored during the check are the ones it used: compare against those.
  const snapshot = result.checkedRow ?? loaded;
  const changes = result.changes ?? {};
  const tokens = refreshedTokensOf(changes);
  const needsReauth =
    !result.ok && result.needsReauth
      ? true
      : typeof changes.needsReauth === "boolean"
        ? changes.needsReauth
        : undefined;
  if (Object.keys(tokens).length > 0 || needsReauth !== undefined) {
    await storeRefreshedTokens({ snapshot, tokens, alsoSet: needsReauth === undefined ? {} : { needsReauth } });
  }
  await db().integration.updateMany({
    where: { id: snapshot.id },
    data: {
      lastCheckedAt: new Date(),
      lastCheckOk: result.ok,
      lastCheckError: result.ok ? null : result.error.slice(0, 500),
    },
  });
}
