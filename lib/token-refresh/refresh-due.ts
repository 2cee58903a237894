// Which tokens the background sweep refreshes now: those it can refresh that have no access token yet, that expire
// within the lead time (TOKEN_REFRESH_LEAD_MS, or the provider's own), or whose provider expires refresh tokens
// nobody uses and that were last refreshed longer ago than that allows.
import { serverEnv } from "@/lib/config/server-env";
import type { Integration } from "@/lib/generated/prisma/client";
import { providerOf } from "@/lib/providers/registry";
import { providerServerOf } from "@/lib/providers/server-registry";

export function refreshLeadMsOf(integration: Pick<Integration, "integrationType">): number {
  return providerOf(integration.integrationType).tokenRefreshLeadMs ?? serverEnv().TOKEN_REFRESH_LEAD_MS;
}

export function isRefreshDue(integration: Integration, now = new Date()): boolean {
  const refresher = providerServerOf(integration.integrationType).tokenRefresher;
  if (integration.needsReauth || !refresher?.canRefresh(integration)) return false;
  if (!integration.accessToken) return true;
  const expiresAt = integration.tokenExpiresAt?.getTime();
  if (expiresAt !== undefined && expiresAt - now.getTime() <= refreshLeadMsOf(integration)) return true;
  if (!refresher.touchEveryMs) return false;
  return (
    !integration.lastRefreshedAt || now.getTime() - integration.lastRefreshedAt.getTime() >= refresher.touchEveryMs
  );
}

const MAX_BACKOFF_MINUTES = 60;

/**
 * After transient failures (network, 5xx) the sweep waits 2, 4, 8 … minutes (at most an hour) since the last one
 * before queueing the token again, instead of calling an unreachable provider and logging an error every sweep (a
 * queued job still runs its own retries). The failure's
 * bookkeeping wrote updated_at; an edit of the integration starts the wait again, a success resets the count.
 */
export function isBackingOff(integration: Integration, now: Date): boolean {
  if (integration.refreshFailures <= 0) return false;
  const waitMs = Math.min(MAX_BACKOFF_MINUTES, 2 ** integration.refreshFailures) * 60_000;
  return now.getTime() - integration.updatedAt.getTime() < waitMs;
}
