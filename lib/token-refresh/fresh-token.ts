// Provider calls go through here: an access token that expires within 5 minutes (or that we do not have yet) is
// refreshed first, and a 401 from the provider triggers one refresh and one retry. An integration whose credentials
// the provider refused for good (needs_reauth) makes no calls until a person reconnects it; only "Test connection"
// still tries, so a fixed connected app clears the state by itself.
import { AppError } from "@/lib/errors";
import type { Integration } from "@/lib/generated/prisma/client";
import { providerOf } from "@/lib/providers/registry";
import { providerServerOf } from "@/lib/providers/server-registry";
import { refreshIntegrationToken, type RefreshResult, type RefreshTrigger } from "./refresh-integration-token";

export const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

/** The provider refused the credentials for good; its reason is the message. */
export class NeedsReauthError extends AppError {
  constructor(reason: string) {
    super("conflict", reason);
  }
}

type CallOptions = { trigger?: Extract<RefreshTrigger, "check" | "before_call"> };

const expiresSoon = (integration: Integration) =>
  !integration.accessToken ||
  (integration.tokenExpiresAt !== null && integration.tokenExpiresAt.getTime() - Date.now() <= EXPIRY_MARGIN_MS);

const canRefresh = (integration: Integration) =>
  providerServerOf(integration.integrationType).tokenRefresher?.canRefresh(integration) ?? false;

function rowOf(result: RefreshResult): Integration {
  if (result.status === "needs_reauth") throw new NeedsReauthError(result.reason);
  if (result.status === "discarded")
    throw new AppError(
      "conflict",
      "The integration's credentials changed while its token was being refreshed; try again",
    );
  return result.integration;
}

export async function ensureFreshToken(integration: Integration, options: CallOptions = {}): Promise<Integration> {
  const trigger = options.trigger ?? "before_call";
  if (integration.needsReauth && trigger !== "check") {
    throw new NeedsReauthError(
      `${providerOf(integration.integrationType).label} refused this integration's credentials: reconnect it`,
    );
  }
  if (!canRefresh(integration) || !expiresSoon(integration)) return integration;
  return rowOf(await refreshIntegrationToken({ integrationId: integration.id, trigger, isStillNeeded: expiresSoon }));
}

/** Runs `call` with a fresh token; on a 401, refreshes once (unless another caller already did) and calls again. */
export async function callWithFreshToken<R extends { status: number }>(
  integration: Integration,
  call: (current: Integration) => Promise<R>,
  options: CallOptions = {},
): Promise<{ response: R; integration: Integration }> {
  const current = await ensureFreshToken(integration, options);
  const response = await call(current);
  if (response.status !== 401 || !canRefresh(current)) return { response, integration: current };
  const refused = current.accessToken;
  const next = rowOf(
    await refreshIntegrationToken({
      integrationId: current.id,
      trigger: options.trigger === "check" ? "check" : "unauthorized",
      // Someone else stored another token since: that one is tried, with no second refresh.
      isStillNeeded: (row) => row.accessToken === refused,
    }),
  );
  return { response: await call(next), integration: next };
}
