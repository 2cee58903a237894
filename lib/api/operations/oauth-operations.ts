// "Connect with HubSpot / Salesforce / Facebook" and "Reconnect": the OAuth sign-in, for people signed in to the app.
import { ZConnectFacebookPage, ZFacebookPagesQuery } from "@/lib/oauth/facebook-page-connect";
import { ZStartOAuth } from "@/lib/oauth/start-oauth";
import { ZFacebookPageChoices, ZFacebookPageConnected, ZStartOAuthResponse } from "@/lib/validations/oauth-response";
import type { TApiOperation } from "./define-operation";

export const oauthOperations: TApiOperation[] = [
  {
    method: "post",
    path: "/start-organization-oauth",
    operationId: "startOAuth",
    tag: "Connect",
    summary: "Start \"Connect with …\" (or Reconnect with integration_id): answers the provider's authorization URL (PKCE, signed single-use state). Signed-in owners and admins only",
    isSessionOnly: true,
    body: ZStartOAuth,
    responses: { 200: ZStartOAuthResponse },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/organization-oauth/callback",
    operationId: "completeOAuth",
    tag: "Connect",
    summary: "Where the provider sends the browser back (code, state or error)",
    description:
      "Always a 303 (no body): to the new or reconnected integration, the Facebook Page picker, the form with " +
      "oauth_error=<code>, or /signin without a session. Never the provider's words, never a secret.",
    isSessionOnly: true,
    responses: { 303: { contentType: "", description: "Redirect (Location) to a page of the app" } },
    errors: [],
  },
  {
    method: "get",
    path: "/organization-oauth/facebook-pages",
    operationId: "listFacebookPagesForPick",
    tag: "Connect",
    summary: "The Pages a Facebook sign-in manages (ids and names), for the Page picker",
    isSessionOnly: true,
    query: ZFacebookPagesQuery,
    responses: { 200: ZFacebookPageChoices },
    errors: [400, 404, 409, 502],
  },
  {
    method: "post",
    path: "/organization-oauth/facebook-page",
    operationId: "connectFacebookPage",
    tag: "Connect",
    summary: "Connect the chosen Page: its token and page_id are stored (new integration, or the reconnected one) and the Page subscribed",
    isSessionOnly: true,
    body: ZConnectFacebookPage,
    responses: { 200: ZFacebookPageConnected },
    errors: [400, 404, 409, 502],
  },
];
