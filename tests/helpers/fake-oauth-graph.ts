// The Graph API parts of "Connect with Facebook" on the fake authorization server: the long-lived token exchange
// (handed to the server's token endpoint), GET /me/accounts listing the Pages with their tokens, and a Page's
// subscribed_apps, with Meta's error bodies.
import type { ServerResponse } from "node:http";
import { bearerToken, sendJson, type RecordedRequest } from "./fake-http-server";
import type { FakePage } from "./fake-oauth-server";

type GraphState = {
  /** Where the Graph API is mounted on the server, and the app whose subscription a Page shows. */
  prefix: string;
  appId: string;
  pages: FakePage[];
  subscribedPages: Set<string>;
  isLongLivedUserToken: (token: string) => boolean;
  exchange: (request: RecordedRequest, response: ServerResponse) => unknown;
};

export function fakeOAuthGraph(state: GraphState) {
  return (request: RecordedRequest, response: ServerResponse) => {
    const path = request.path.slice(state.prefix.length);
    if (path === "/oauth/access_token" && request.method === "POST") return state.exchange(request, response);
    const token = bearerToken(request) ?? "";
    const invalidToken = () =>
      sendJson(response, 400, {
        error: {
          message: "Invalid OAuth access token - Cannot parse access token",
          type: "OAuthException",
          code: 190,
          fbtrace_id: "A1",
        },
      });
    if (path === "/me/accounts" && request.method === "GET") {
      if (!state.isLongLivedUserToken(token)) return invalidToken();
      return sendJson(response, 200, {
        data: state.pages.map((page) => ({
          access_token: page.token,
          category: "Shopping & retail",
          category_list: [],
          name: page.name,
          id: page.id,
          tasks: ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"],
        })),
        paging: { cursors: { before: "QVFIUm", after: "QVFIUn" } },
      });
    }
    const subscription = /^\/(\d+)\/subscribed_apps$/.exec(path);
    if (subscription) {
      const page = state.pages.find((candidate) => candidate.id === subscription[1]);
      if (!page || page.token !== token) return invalidToken();
      if (request.method === "POST") state.subscribedPages.add(page.id);
      if (request.method === "DELETE") state.subscribedPages.delete(page.id);
      if (request.method === "GET")
        return sendJson(response, 200, {
          data: state.subscribedPages.has(page.id)
            ? [{ id: state.appId, name: "Org Integrations", subscribed_fields: ["messages"] }]
            : [],
        });
      return sendJson(response, 200, { success: true });
    }
    return sendJson(response, 404, {
      error: { message: "Unknown path components", type: "OAuthException", code: 2500 },
    });
  };
}
