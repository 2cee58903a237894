// Step 1 of "Connect with …" / "Reconnect": remember the sign-in (PKCE verifier, intent) in a single-use row and
// answer the provider's authorization address, which the browser then opens.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { findIntegrationForActor } from "@/lib/integrations/find-integration";
import { ZUuid } from "@/lib/validations/integration";
import type { TStartOAuthResponse } from "@/lib/validations/oauth-response";
import { createOAuthState } from "./oauth-state-store";
import { OAUTH_INTEGRATION_TYPES, OAUTH_PROVIDERS } from "./oauth-providers";
import { oauthApp, oauthRedirectUri } from "./oauth-settings";
import { codeChallengeOf, createCodeVerifier } from "./pkce";

export const ZStartOAuth = z.strictObject({
  org_id: ZUuid,
  integration_type: z.enum(OAUTH_INTEGRATION_TYPES, { error: `must be one of ${OAUTH_INTEGRATION_TYPES.join(", ")}` }),
  /** The new integration's name (default: the provider's, or the Page's for Facebook). */
  name: z.string().trim().min(1).max(200).optional(),
  /** Reconnect: the integration whose tokens are renewed in place. */
  integration_id: ZUuid.optional(),
});
export type TStartOAuth = z.infer<typeof ZStartOAuth>;

export async function startOAuth(options: { actor: Actor; input: TStartOAuth }): Promise<TStartOAuthResponse> {
  const { actor, input } = options;
  // The callback is a browser coming back from the provider: only a signed-in person can be recognised there.
  if (actor.kind !== "user")
    throw new AppError("forbidden", "Connecting with a provider needs a signed-in person, not an API key");
  assertOrgPermission(actor, input.org_id, "write");
  const type = input.integration_type;
  const app = oauthApp(type);
  if (!app)
    throw new AppError("bad_request", `Connecting with ${OAUTH_PROVIDERS[type].label} is not set up on this server`);
  if (input.integration_id) {
    const integration = await findIntegrationForActor(input.integration_id, actor, "write");
    if (integration.orgId !== input.org_id || integration.integrationType !== type) {
      throw new AppError("bad_request", "integration_id must be an integration of this organization and type");
    }
  }
  const verifier = createCodeVerifier();
  const state = await createOAuthState({
    orgId: input.org_id,
    userId: actor.userId,
    type,
    integrationId: input.integration_id ?? null,
    name: input.name ?? null,
    stage: "authorize",
    secret: verifier,
  });
  const provider = OAUTH_PROVIDERS[type];
  const url = new URL(app.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("redirect_uri", oauthRedirectUri());
  url.searchParams.set("scope", provider.scopes.join(provider.scopeSeparator));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", codeChallengeOf(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  // Salesforce shows its consent screen again on Reconnect (a different user may sign in this time).
  if (type === "salesforce" && input.integration_id) url.searchParams.set("prompt", "login consent");
  return { authorize_url: url.toString() };
}
