// The refresh engine's one entry point: refresh an integration's access token now, unless another caller (in this
// process or another instance) is already doing it, in which case wait for that one and use what it stored. The
// provider's answer is stored through lib/connections/store-refreshed-tokens.ts (never over credentials changed in
// the meantime); a refusal for good sets needs_reauth; a transient failure changes nothing and throws.
import { AppError, notFound } from "@/lib/errors";
import { storeGrantedTokensAndClearReauth, storeRefreshedTokens } from "@/lib/connections/store-refreshed-tokens";
import { db } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { sealSecret } from "@/lib/integrations/integration-secrets";
import { logger } from "@/lib/logging/logger";
import { countTokenRefresh } from "@/lib/metrics/app-metrics";
import { providerServerOf } from "@/lib/providers/server-registry";
import { claimRefresh, refreshLeaseMs, releaseRefresh } from "./refresh-claim";
import type { RefreshGrant } from "./token-refresher";

export type RefreshTrigger = "sweep" | "before_call" | "unauthorized" | "check";

export type RefreshResult =
  /** This call refreshed the token; `integration` is the row as stored. */
  | { status: "refreshed"; integration: Integration }
  /** Nothing to do (any more): another caller refreshed it, or it no longer needs it. */
  | { status: "not_needed"; integration: Integration }
  | { status: "needs_reauth"; integration: Integration; reason: string }
  /** The provider granted tokens, but the credentials or their destination changed meanwhile: thrown away. */
  | { status: "discarded"; integration: Integration };

const WAIT_STEP_MS = 100;
const AUDIT_LABEL = "token refresh";

const reload = async (id: string) =>
  (await db().integration.findUnique({ where: { id } })) ?? Promise.reject(notFound());

export async function refreshIntegrationToken(options: {
  integrationId: string;
  trigger: RefreshTrigger;
  /** Asked again once the claim is ours: false when someone else already did the work (no second provider call). */
  isStillNeeded: (integration: Integration) => boolean;
}): Promise<RefreshResult> {
  const { integrationId, trigger } = options;
  const deadline = Date.now() + refreshLeaseMs() + 5_000;
  for (;;) {
    const claimedAt = await claimRefresh(integrationId);
    if (!claimedAt) {
      if ((await db().integration.count({ where: { id: integrationId } })) === 0) throw notFound();
      if (Date.now() > deadline)
        throw new AppError("unavailable", "A token refresh of this integration is taking too long; try again shortly", {
          "Retry-After": "5",
        });
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
      continue;
    }
    const integration = await reload(integrationId).catch(async (error) => {
      await releaseRefresh(integrationId, claimedAt);
      throw error;
    });
    // Only "Test connection" still tries a token a provider refused: the other callers stop until a person acts.
    if (integration.needsReauth && trigger !== "check") {
      await releaseRefresh(integrationId, claimedAt);
      return {
        status: "needs_reauth",
        integration,
        reason: integration.lastCheckError ?? "The provider refused this integration's credentials",
      };
    }
    const refresher = providerServerOf(integration.integrationType).tokenRefresher;
    if (!refresher?.canRefresh(integration) || !options.isStillNeeded(integration)) {
      await releaseRefresh(integrationId, claimedAt);
      return { status: "not_needed", integration };
    }
    let grant: RefreshGrant;
    try {
      grant = await refresher.refresh(integration);
    } catch (error) {
      await releaseRefresh(integrationId, claimedAt, { isFailure: true });
      countTokenRefresh("transient_failure", integration.integrationType);
      logger.warn({ integrationId, trigger, err: error }, "token refresh failed for now; it will be tried again");
      throw error;
    }
    return grant.outcome === "rejected"
      ? recordRefusal(integration, claimedAt, grant.reason)
      : storeGrant(integration, claimedAt, grant);
  }
}

async function storeGrant(
  integration: Integration,
  claimedAt: Date,
  grant: Extract<RefreshGrant, { outcome: "refreshed" }>,
): Promise<RefreshResult> {
  const { id, integrationType } = integration;
  const tokens = {
    accessToken: sealSecret(id, "accessToken", grant.accessToken),
    // No refresh token in the answer: the stored one stays (a refresh must never wipe it).
    ...(grant.refreshToken ? { refreshToken: sealSecret(id, "refreshToken", grant.refreshToken) } : {}),
    tokenExpiresAt: grant.tokenExpiresAt,
    ...(grant.instanceUrl ? { instanceUrl: grant.instanceUrl } : {}),
  };
  const changedFields = ["access_token", ...(grant.refreshToken ? ["refresh_token"] : []), "token_expires_at"];
  const stored = await storeGrantedTokensAndClearReauth({
    snapshot: integration,
    tokens,
    audit: { action: "integration.token_refreshed", changedFields, label: AUDIT_LABEL },
  });
  if (!stored) {
    await releaseRefresh(id, claimedAt);
    countTokenRefresh("skipped", integrationType);
    logger.warn(
      { integrationId: id },
      "token refresh: the credentials changed meanwhile, so the new tokens were discarded",
    );
    return { status: "discarded", integration: await reload(id) };
  }
  countTokenRefresh("refreshed", integrationType);
  return { status: "refreshed", integration: await reload(id) };
}

async function recordRefusal(integration: Integration, claimedAt: Date, reason: string): Promise<RefreshResult> {
  const { id, integrationType } = integration;
  countTokenRefresh("invalid_grant", integrationType);
  logger.warn(
    { integrationId: id, provider: integrationType },
    "token refresh refused by the provider; the integration needs to be reconnected",
  );
  await storeRefreshedTokens({
    snapshot: integration,
    tokens: {},
    alsoSet: {
      needsReauth: true,
      lastCheckOk: false,
      lastCheckError: reason.slice(0, 500),
      lastCheckedAt: new Date(),
      refreshStartedAt: null,
    },
    audit: { action: "integration.reauth_needed", changedFields: ["needs_reauth"], label: AUDIT_LABEL },
  });
  await releaseRefresh(id, claimedAt);
  return { status: "needs_reauth", integration: await reload(id), reason };
}
