// The provider calls of a sign-in: the authorization code (with its PKCE verifier) for tokens, and for Facebook the
// long-lived user token and the Pages it manages. Client secrets go in POST bodies and tokens in headers, never in
// an address; a refusal is logged by its error code only and ends the flow with `provider_error`.
import { z } from "zod";
import { formPost, joinUrl, providerFetch, type ProviderResponse } from "@/lib/connections/provider-fetch";
import { logger } from "@/lib/logging/logger";
import { OAuthFlowError } from "./oauth-flow-error";
import { OAUTH_PROVIDERS } from "./oauth-providers";
import { oauthRedirectUri, type OAuthApp } from "./oauth-settings";

export type ExchangedTokens = {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
  /** Salesforce: where the account's API lives. */
  instanceUrl?: string;
  /** HubSpot: the portal (hub) the tokens belong to, when the answer says. */
  portalId?: string;
};

const ZTokenAnswer = z.object({
  access_token: z.string().min(1).max(8192),
  refresh_token: z.string().min(1).max(8192).optional(),
  expires_in: z.coerce.number().int().positive().optional(),
  instance_url: z.url({ protocol: /^https?$/ }).optional(),
  hub_id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).optional(),
});
const ZPages = z.object({
  data: z.array(
    z.object({ id: z.string().regex(/^\d+$/), name: z.string().max(500), access_token: z.string().min(1).max(8192) }),
  ),
});

export type FacebookPage = z.infer<typeof ZPages>["data"][number];

/** Only the provider's error code (OAuth `error`, Graph `error.code`) is logged: descriptions may echo what we sent. */
function refused(app: OAuthApp, step: string, response: ProviderResponse): OAuthFlowError {
  const json = response.json as { error?: unknown } | null;
  const error = typeof json?.error === "string" ? json.error : (json?.error as { code?: unknown } | undefined)?.code;
  logger.warn(
    {
      provider: app.type,
      step,
      status: response.status,
      providerError: typeof error === "string" || typeof error === "number" ? error : null,
    },
    "oauth: provider refused",
  );
  return new OAuthFlowError(
    "provider_error",
    `${OAUTH_PROVIDERS[app.type].label} refused the ${step} (HTTP ${response.status})`,
  );
}

function tokensFrom(app: OAuthApp, step: string, response: ProviderResponse): ExchangedTokens {
  const answer = response.ok ? ZTokenAnswer.safeParse(response.json) : null;
  if (!answer?.success) throw refused(app, step, response);
  const { access_token, refresh_token, expires_in, instance_url, hub_id } = answer.data;
  return {
    accessToken: access_token,
    refreshToken: refresh_token ?? null,
    expiresAt: expires_in ? new Date(Date.now() + expires_in * 1000) : null,
    instanceUrl: instance_url,
    portalId: hub_id === undefined ? undefined : String(hub_id),
  };
}

export async function exchangeAuthorizationCode(
  app: OAuthApp,
  code: string,
  verifier: string,
): Promise<ExchangedTokens> {
  const label = OAUTH_PROVIDERS[app.type].label;
  const response = await providerFetch(
    label,
    app.tokenUrl,
    formPost({
      grant_type: "authorization_code",
      code,
      redirect_uri: oauthRedirectUri(),
      client_id: app.clientId,
      client_secret: app.clientSecret,
      code_verifier: verifier,
    }),
  );
  return tokensFrom(app, "code exchange", response);
}

/** Facebook: the short-lived user token for a long-lived one (about 60 days), from which Page tokens never expire. */
export async function exchangeForLongLivedUserToken(app: OAuthApp, shortLivedToken: string): Promise<string> {
  const response = await providerFetch(
    "Facebook",
    app.tokenUrl,
    formPost({
      grant_type: "fb_exchange_token",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      fb_exchange_token: shortLivedToken,
    }),
  );
  return tokensFrom(app, "long-lived token exchange", response).accessToken;
}

/** The Pages the person manages, each with its Page token (GET /me/accounts). */
export async function listManagedPages(app: OAuthApp, userToken: string): Promise<FacebookPage[]> {
  const url = `${joinUrl(app.apiBaseUrl, "/me/accounts")}?fields=id,name,access_token&limit=100`;
  const response = await providerFetch("Facebook", url, {
    headers: { authorization: `Bearer ${userToken}`, accept: "application/json" },
  });
  const pages = response.ok ? ZPages.safeParse(response.json) : null;
  if (!pages?.success) throw refused(app, "Page list", response);
  return pages.data.data;
}
