// "Connect with HubSpot / Salesforce / Facebook" and "Reconnect": the OAuth sign-in, for people signed in to the app.
import { ZConnectFacebookPage, ZFacebookPagesQuery } from "@/lib/oauth/facebook-page-connect";
import { ZStartOAuth } from "@/lib/oauth/start-oauth";
import { ZFacebookPageChoices, ZFacebookPageConnected, ZStartOAuthResponse } from "@/lib/validations/oauth-response";
import { operationsTagged, type TApiOperation } from "./define-operation";

const connect = operationsTagged("Connect");
/** The Page picker after a Facebook sign-in (the person's session only); 502 when Meta does not answer as it should. */
const PAGE_PICKER_STEP = { isSessionOnly: true, errors: [400, 404, 409, 502] };

export const oauthOperations: TApiOperation[] = [
  connect.post(
    "/start-organization-oauth",
    "startOAuth",
    { isSessionOnly: true, body: ZStartOAuth, responses: { 200: ZStartOAuthResponse }, errors: [400, 404] },
    'Start "Connect with …" (or Reconnect with integration_id): answers the provider\'s authorization URL (PKCE, signed single-use state). Signed-in owners and admins only',
  ),
  connect.get(
    "/organization-oauth/callback",
    "completeOAuth",
    {
      description:
        "Always a 303 (no body): to the new or reconnected integration, the Facebook Page picker, the form with " +
        "oauth_error=<code>, or /signin without a session. Never the provider's words, never a secret.",
      isSessionOnly: true,
      responses: { 303: { contentType: "", description: "Redirect (Location) to a page of the app" } },
      errors: [],
    },
    "Where the provider sends the browser back (code, state or error)",
  ),
  connect.get(
    "/organization-oauth/facebook-pages",
    "listFacebookPagesForPick",
    { ...PAGE_PICKER_STEP, query: ZFacebookPagesQuery, responses: { 200: ZFacebookPageChoices } },
    "The Pages a Facebook sign-in manages (ids and names), for the Page picker",
  ),
  connect.post(
    "/organization-oauth/facebook-page",
    "connectFacebookPage",
    { ...PAGE_PICKER_STEP, body: ZConnectFacebookPage, responses: { 200: ZFacebookPageConnected } },
    "Connect the chosen Page: its token and page_id are stored (new integration, or the reconnected one) and the Page subscribed",
  ),
];
