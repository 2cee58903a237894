// Meta's Graph API as far as this app uses it: GET /me?fields=id,name, POST /{me|page}/messages (Send API) and the
// token exchange, with Meta's real error bodies. Tokens are registered per test, so parallel tests never share state.
import { randomBytes } from "node:crypto";
import {
  bearerToken,
  sendJson,
  startFakeHttpServer,
  type FakeHttpServer,
  type RecordedRequest,
} from "./fake-http-server";
import { fakeGraphSubscriptions, type FakeGraphSubscriptionApi } from "./fake-graph-subscriptions";
import { fakeGraphProfiles, type FakeGraphProfileApi } from "./fake-graph-profiles";
import { fakeGraphSend, type FakeGraphSendApi } from "./fake-graph-send";
import { fakeGraphOAuth, type FakeGraphOAuthApi } from "./fake-graph-oauth";

export const GRAPH_VERSION = "v21.0";

type Page = { id: string; name: string };
type TokenState = { page: Page; isExpired?: boolean; hangs?: boolean };

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

const fbtrace = () => randomBytes(8).toString("base64url");

function graphError(message: string, code: number, extra: Record<string, unknown> = {}) {
  return { error: { message, type: "OAuthException", code, ...extra, fbtrace_id: fbtrace() } };
}

export async function startFakeGraphServer(): Promise<FakeGraphServer> {
  const tokens = new Map<string, TokenState>();
  // /{page-id}/subscribed_apps and /debug_token (Page subscription and token health).
  const subscriptions = fakeGraphSubscriptions((token) => tokens.get(token));
  // GET /{psid}?fields=first_name,… (User Profile API) and the profile pictures it links to.
  const profiles = fakeGraphProfiles(GRAPH_VERSION);
  // POST /{me|page-id}/messages (Send API: JSON or multipart with filedata).
  const send = fakeGraphSend();
  // GET /oauth/access_token (fb_exchange_token) and GET /{page-id}?fields=access_token (token renewal).
  const oauth = fakeGraphOAuth(GRAPH_VERSION, {
    find: (token) => tokens.get(token),
    add: (token, page) => void tokens.set(token, { page }),
  });

  const authenticate = (request: RecordedRequest) => {
    const token = bearerToken(request);
    const state = token ? tokens.get(token) : undefined;
    if (!token || !state) return { error: graphError("Invalid OAuth access token - Cannot parse access token", 190) };
    if (state.isExpired) {
      return {
        error: graphError(
          "Error validating access token: Session has expired on Tuesday, 24-Nov-26 10:00:00 PST.",
          190,
          {
            error_subcode: 463,
          },
        ),
      };
    }
    return { token, state };
  };

  const server = await startFakeHttpServer((request, response) => {
    const auth = authenticate(request);
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
    return sendJson(response, 400, graphError(`Unsupported ${request.method} request.`, 100, { error_subcode: 33 }));
  });

  return {
    ...server,
    apiBaseUrl: `${server.origin}/${GRAPH_VERSION}`,
    ...subscriptions.api,
    ...profiles.api,
    addPage: (token, page, state = {}) => tokens.set(token, { page, ...state }),
    expireToken: (token) => {
      const state = tokens.get(token);
      if (state) state.isExpired = true;
    },
    ...send.api,
    ...oauth.api,
  };
}
