// Salesforce: POST {login host}/services/oauth2/token with grant_type=refresh_token (client id = api_key, secret =
// api_secret). Salesforce answers no expires_in: the access token lives as long as the org's session timeout, which
// token introspection reports (`exp`) when the connected app may introspect; otherwise the default, 2 hours.
// Connected apps can expire refresh tokens that go unused, so the sweep uses each one at least weekly.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { formPost, joinUrl, providerFetch } from "@/lib/connections/provider-fetch";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret, openSecret } from "@/lib/integrations/integration-secrets";
import {
  DAY_MS,
  isPermanentRefusal,
  type RefreshGrant,
  type TokenRefresher,
} from "@/lib/token-refresh/token-refresher";
import { salesforceDefinition } from "./definition";

const DEFAULT_SESSION_MS = 2 * 60 * 60 * 1000;
const ZToken = z.object({
  access_token: z.string().min(1),
  instance_url: z.url(),
  refresh_token: z.string().min(1).optional(),
});
const ZOAuthError = z.object({ error: z.string(), error_description: z.string().optional() });
const ZIntrospection = z.object({ active: z.boolean(), exp: z.number().optional() });
// Refusals no retry can fix: the refresh token is expired or revoked, or the connected app's credentials are wrong.
const PERMANENT_ERRORS = [
  "invalid_grant",
  "invalid_client",
  "invalid_client_id",
  "unauthorized_client",
  "inactive_user",
  "inactive_org",
];

const loginHostOf = (integration: Integration) => integration.apiBaseUrl ?? salesforceDefinition.defaultApiBaseUrl;

/** The form with the connected app's client id and secret, when the integration has them. */
function clientForm(integration: Integration, fields: Record<string, string>): Record<string, string> {
  const clientId = openSecret(integration, "apiKey");
  const clientSecret = openSecret(integration, "apiSecret");
  return {
    ...fields,
    ...(clientId ? { client_id: clientId } : {}),
    ...(clientSecret ? { client_secret: clientSecret } : {}),
  };
}

const postForm = (integration: Integration, path: string, form: Record<string, string>) =>
  providerFetch("Salesforce", joinUrl(loginHostOf(integration), path), formPost(form));

/** When the org's session timeout ends this token, if Salesforce will say; else the default session length. */
async function expiryOf(integration: Integration, accessToken: string): Promise<Date> {
  const fallback = new Date(Date.now() + DEFAULT_SESSION_MS);
  try {
    const response = await postForm(
      integration,
      "/services/oauth2/introspect",
      clientForm(integration, { token: accessToken, token_type_hint: "access_token" }),
    );
    const answer = ZIntrospection.safeParse(response.json);
    if (!response.ok || !answer.success || !answer.data.active || !answer.data.exp) return fallback;
    return new Date(answer.data.exp * 1000);
  } catch {
    return fallback; // introspection is a refinement: the token itself is good
  }
}

export async function refreshSalesforceToken(integration: Integration): Promise<RefreshGrant> {
  const form = clientForm(integration, {
    grant_type: "refresh_token",
    refresh_token: openRequiredSecret(integration, "refreshToken"),
  });
  const response = await postForm(integration, "/services/oauth2/token", form);
  const token = ZToken.safeParse(response.json);
  if (response.ok && token.success) {
    const { access_token: accessToken, instance_url: instanceUrl, refresh_token: rotated } = token.data;
    return {
      outcome: "refreshed",
      accessToken,
      refreshToken: rotated,
      instanceUrl,
      tokenExpiresAt: await expiryOf(integration, accessToken),
    };
  }
  const failure = ZOAuthError.safeParse(response.json);
  if (failure.success && isPermanentRefusal(response.status, failure.data.error, PERMANENT_ERRORS)) {
    const { error, error_description: description } = failure.data;
    return { outcome: "rejected", reason: `Salesforce: ${description ?? error} (${error})` };
  }
  const reason = failure.success
    ? `${failure.data.error_description ?? failure.data.error} (${failure.data.error})`
    : `unexpected HTTP ${response.status} answer`;
  // Anything else (a 5xx, a proxy's HTML page) may pass: a transient failure, retried, never needs_reauth.
  throw new AppError("bad_gateway", `Salesforce: ${reason} from the token endpoint`);
}

export const salesforceTokenRefresher: TokenRefresher = {
  canRefresh: (integration) => Boolean(integration.refreshToken),
  refresh: refreshSalesforceToken,
  touchEveryMs: 7 * DAY_MS,
};
