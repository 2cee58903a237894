// Step 2: the provider sends the person back with `code` and our `state`. The state must be ours, unexpired, unused,
// theirs, and they must still manage integrations in its organization; only then is the code exchanged. Facebook
// continues on the Page picker (facebook-page-connect.ts); the others are connected here.
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { exchangeAuthorizationCode, exchangeForLongLivedUserToken } from "./exchange-code";
import { connectIntegration } from "./connect-integration";
import { OAuthFlowError } from "./oauth-flow-error";
import { checkState, consumeOAuthState, createOAuthState } from "./oauth-state-store";
import { isOAuthIntegrationType } from "./oauth-providers";
import { oauthApp } from "./oauth-settings";
import { verifyState, type TStateClaims } from "./state-token";

export type CallbackQuery = { state: string | null; code: string | null; error: string | null };

/** Where to send the person back to: the form they started from. Only from a state we signed. */
export function returnPathOf(claims: TStateClaims | null): string {
  if (!claims) return "/";
  return claims.iid
    ? `/orgs/${claims.org}/integrations/${claims.iid}`
    : `/orgs/${claims.org}/integrations/new?type=${claims.typ}`;
}

export function signedClaimsOrNull(state: string | null): TStateClaims | null {
  try {
    return state ? verifyState(state) : null;
  } catch {
    return null;
  }
}

function assertMayConnect(actor: Actor, orgId: string) {
  try {
    assertOrgPermission(actor, orgId, "write");
  } catch (error) {
    if (error instanceof AppError) throw new OAuthFlowError("forbidden");
    throw error;
  }
}

/** Answers the path to continue at (the new or reconnected integration, or the Page picker). */
export async function completeOAuthCallback(options: { actor: Actor; query: CallbackQuery }): Promise<string> {
  const { actor, query } = options;
  if (!query.state) throw new OAuthFlowError(query.error === "access_denied" ? "access_denied" : "invalid_state");
  if (actor.kind !== "user") throw new OAuthFlowError("wrong_user");
  const claims = checkState(query.state, { userId: actor.userId, stage: "authorize" });
  assertMayConnect(actor, claims.org);
  // Used up whatever happens next: a refused consent or a failed exchange cannot be replayed either.
  const opened = await consumeOAuthState(claims);
  if (query.error) throw new OAuthFlowError(query.error === "access_denied" ? "access_denied" : "provider_error");
  if (!query.code || query.code.length > 4096) throw new OAuthFlowError("provider_error", "no authorization code");
  const app = isOAuthIntegrationType(claims.typ) ? oauthApp(claims.typ) : null;
  if (!app) throw new OAuthFlowError("not_configured");

  const tokens = await exchangeAuthorizationCode(app, query.code, opened.secret);
  if (app.type === "facebook") {
    const userToken = await exchangeForLongLivedUserToken(app, tokens.accessToken);
    const pick = await createOAuthState({
      orgId: claims.org,
      userId: claims.usr,
      type: "facebook",
      integrationId: claims.iid,
      name: opened.name,
      stage: "pick_page",
      secret: userToken,
    });
    return `/orgs/${claims.org}/integrations/new/facebook-page?pick=${encodeURIComponent(pick)}`;
  }
  const config: Record<string, unknown> = {};
  if (tokens.instanceUrl) config.instance_url = tokens.instanceUrl;
  if (tokens.portalId) config.portal_id = tokens.portalId;
  const { integrationId, isReconnect } = await connectIntegration({
    actor,
    claims,
    app,
    name: opened.name,
    credentials: {
      apiBaseUrl: app.apiBaseUrl,
      apiKey: app.clientId,
      apiSecret: app.clientSecret,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      tokenExpiresAt: tokens.expiresAt,
      config,
    },
  });
  return `/orgs/${claims.org}/integrations/${integrationId}?${isReconnect ? "reconnected=1" : "created=1"}`;
}
