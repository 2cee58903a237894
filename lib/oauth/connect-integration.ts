// The last step of every sign-in: tokens onto a new integration (through the create service, so defaults, audit
// and the Page subscription apply as for a hand-made one) or, for "Reconnect", onto the same integration.
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { storeReconnectedTokens, type ReconnectedCredentials } from "@/lib/connections/store-reconnected-tokens";
import { createIntegration } from "@/lib/integrations/create-integration";
import { ZCreateIntegration } from "@/lib/validations/integration";
import { OAuthFlowError } from "./oauth-flow-error";
import { OAUTH_PROVIDERS } from "./oauth-providers";
import type { OAuthApp } from "./oauth-settings";
import type { TStateClaims } from "./state-token";

export async function connectIntegration(options: {
  actor: Actor;
  claims: TStateClaims;
  app: OAuthApp;
  name: string | null;
  credentials: ReconnectedCredentials;
}): Promise<{ integrationId: string; isReconnect: boolean }> {
  const { actor, claims, app, credentials } = options;
  if (claims.iid) {
    try {
      await storeReconnectedTokens({
        actor,
        orgId: claims.org,
        integrationId: claims.iid,
        type: app.type,
        credentials,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") throw new OAuthFlowError("not_found");
      if (error instanceof AppError && error.code === "forbidden") throw new OAuthFlowError("forbidden");
      throw error;
    }
    return { integrationId: claims.iid, isReconnect: true };
  }
  const input = ZCreateIntegration.safeParse({
    org_id: claims.org,
    integration_type: app.type,
    name: options.name ?? OAUTH_PROVIDERS[app.type].label,
    is_active: true,
    api_base_url: credentials.apiBaseUrl,
    api_key: credentials.apiKey,
    api_secret: credentials.apiSecret,
    access_token: credentials.accessToken,
    refresh_token: credentials.refreshToken ?? undefined,
    token_expires_at: credentials.tokenExpiresAt?.toISOString(),
    config: credentials.config,
  });
  // Only a provider's odd answer (an instance_url that is no URL, …) can fail here.
  if (!input.success) throw new OAuthFlowError("provider_error", "the provider's answer does not fit an integration");
  const integration = await createIntegration({ actor, input: input.data });
  return { integrationId: integration.id, isReconnect: false };
}
