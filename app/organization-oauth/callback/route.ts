import { authenticate } from "@/lib/auth/authenticate";
import { logger } from "@/lib/logging/logger";
import { completeOAuthCallback, returnPathOf, signedClaimsOrNull } from "@/lib/oauth/complete-oauth-callback";
import { OAuthFlowError } from "@/lib/oauth/oauth-flow-error";

// Where providers send the browser back after "Connect": always a redirect, to the integration on success and
// otherwise to the form it came from with an error code (never the provider's own words, never a secret).
function redirectTo(path: string): Response {
  // Relative: the browser resolves it against the address it used, so it keeps its session cookie.
  return new Response(null, {
    status: 303,
    headers: { location: path, "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}

export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const query = { state: params.get("state"), code: params.get("code"), error: params.get("error") };
  const claims = signedClaimsOrNull(query.state);
  let actor;
  try {
    ({ actor } = await authenticate(request));
  } catch {
    return redirectTo("/signin");
  }
  try {
    return redirectTo(await completeOAuthCallback({ actor, query }));
  } catch (error) {
    const oauthError = error instanceof OAuthFlowError ? error : null;
    const code = oauthError?.oauthCode ?? "provider_error";
    if (!oauthError) logger.warn({ err: error }, "oauth: callback failed");
    else if (oauthError.detail) logger.info({ code, detail: oauthError.detail }, "oauth: sign-in ended");
    // Back to the form of a state we signed and that is this person's; anyone else only learns the code.
    const isOwnState = claims !== null && actor.kind === "user" && claims.usr === actor.userId;
    const back = isOwnState ? returnPathOf(claims) : "/";
    return redirectTo(`${back}${back.includes("?") ? "&" : "?"}oauth_error=${code}`);
  }
}
