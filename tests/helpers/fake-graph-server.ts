// Meta's Graph API as far as this app uses it: GET /me?fields=id,name, POST /{me|page}/messages (Send API) and the
// token exchange, with Meta's real error bodies. Tokens are registered per test, so parallel tests never share state.
import { graphError, type Page } from "./fake-graph-errors";
import { fakeGraphOAuth, type FakeGraphOAuthApi } from "./fake-graph-oauth";
import { fakeGraphProfiles, type FakeGraphProfileApi } from "./fake-graph-profiles";
import { fakeGraphSend, type FakeGraphSendApi } from "./fake-graph-send";
import { fakeGraphSubscriptions, type FakeGraphSubscriptionApi } from "./fake-graph-subscriptions";
import { fakeGraphTokens } from "./fake-graph-tokens";
import { sendJson, startFakeHttpServer, type FakeHttpServer } from "./fake-http-server";

export const GRAPH_VERSION = "v21.0";

export type FakeGraphServer = FakeHttpServer &
  FakeGraphSubscriptionApi &
  FakeGraphProfileApi &
  FakeGraphSendApi &
  FakeGraphOAuthApi & {
    /** What to put in the integration's api_base_url. */
    apiBaseUrl: string;
    addPage: (token: string, page: Page, state?: { isExpired?: boolean; hangs?: boolean }) => void;
    expireToken: (token: string) => void;
  };

export async function startFakeGraphServer(): Promise<FakeGraphServer> {
  const tokens = fakeGraphTokens();
  // /{page-id}/subscribed_apps and /debug_token (Page subscription and token health).
  const subscriptions = fakeGraphSubscriptions(tokens.find);
  // GET /{psid}?fields=first_name,… (User Profile API) and the profile pictures it links to.
  const profiles = fakeGraphProfiles(GRAPH_VERSION);
  // POST /{me|page-id}/messages (Send API: JSON or multipart with filedata).
  const send = fakeGraphSend();
  // GET /oauth/access_token (fb_exchange_token) and GET /{page-id}?fields=access_token (token renewal).
  const oauth = fakeGraphOAuth(GRAPH_VERSION, tokens);

  const server = await startFakeHttpServer((request, response) => {
    const auth = tokens.authenticate(request);
    if (auth.state?.hangs) return; // never answers: the app's timeout must fire
    if (oauth.handle(request, response)) return;
    if (profiles.handle(request, response, auth)) return;
    if (!request.path.startsWith(`/${GRAPH_VERSION}/`))
      return sendJson(response, 400, graphError("Unknown path components", 2500));
    const path = request.path.slice(GRAPH_VERSION.length + 1);
    if (subscriptions.handle(request, response, path, auth)) return;
    if (auth.error) return sendJson(response, 400, auth.error);
    const { token, state } = auth;

    if (request.method === "GET" && path === "/me") {
      const fields = (request.query.get("fields") ?? "id").split(",");
      return sendJson(
        response,
        200,
        Object.fromEntries(fields.map((field) => [field, state.page[field as keyof Page]])),
      );
    }
    const sendPath = /^\/(me|\d+)\/messages$/.exec(path);
    if (request.method === "POST" && sendPath) return send.handle(request, response, sendPath[1], token, state.page.id);
    return sendJson(response, 400, graphError(`Unsupported ${request.method} request.`, 100, 33));
  });

  return {
    ...server,
    apiBaseUrl: `${server.origin}/${GRAPH_VERSION}`,
    ...subscriptions.api,
    ...profiles.api,
    addPage: tokens.add,
    expireToken: tokens.expire,
    ...send.api,
    ...oauth.api,
  };
}
