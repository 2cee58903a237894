// Meta's token exchange for the fake Graph server (fake-graph-server.ts wires it in): GET /oauth/access_token?
// grant_type=fb_exchange_token (a short-lived user token for a long-lived one, with the app's id and secret), then
// GET /{page-id}?fields=access_token (the Page's own token), with Meta's refusals (190 for a dead token).
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { graphError, EXPIRED_SESSION, INVALID_TOKEN, type Page } from "./fake-graph-errors";
import { bearerToken, sendJson, type RecordedRequest } from "./fake-http-server";

type TokenLookup = {
  find: (token: string) => { page: Page; isExpired?: boolean } | undefined;
  add: (token: string, page: Page) => void;
};

export type FakeGraphOAuthApi = {
  /** The Meta app whose id and secret the exchange accepts. */
  allowTokenExchange: (appId: string, appSecret: string) => void;
  /** fb_exchange_token requests received for this token. */
  exchangesFor: (token: string) => number;
  /** Exchanges whose App Secret or token came in the address (logged by proxies and servers) instead of the body. */
  secretsInAddress: () => number;
};

export function fakeGraphOAuth(graphVersion: string, tokens: TokenLookup) {
  const apps = new Map<string, string>();
  const exchanges: string[] = [];
  let secretsInAddress = 0;

  function exchange(request: RecordedRequest, response: ServerResponse) {
    // Graph takes the parameters in the address or, as a POST, in a form body.
    if (request.query.has("client_secret") || request.query.has("fb_exchange_token")) secretsInAddress += 1;
    const query = request.method === "POST" ? new URLSearchParams(request.body) : request.query;
    const shortLived = query.get("fb_exchange_token") ?? "";
    exchanges.push(shortLived);
    if (query.get("grant_type") !== "fb_exchange_token")
      return sendJson(response, 400, graphError("Unsupported grant_type", 100));
    if (apps.get(query.get("client_id") ?? "") !== query.get("client_secret"))
      return sendJson(response, 400, graphError("Error validating client secret.", 1));
    const state = tokens.find(shortLived);
    if (!state) return sendJson(response, 400, graphError(INVALID_TOKEN, 190));
    if (state.isExpired) return sendJson(response, 400, graphError(EXPIRED_SESSION, 190, 463));
    const longLived = `EAAL${randomBytes(24).toString("base64url")}`;
    tokens.add(longLived, state.page);
    return sendJson(response, 200, { access_token: longLived, token_type: "bearer", expires_in: 5_183_944 });
  }

  function pageToken(request: RecordedRequest, response: ServerResponse, pageId: string) {
    const state = tokens.find(bearerToken(request) ?? "");
    if (!state || state.isExpired) return sendJson(response, 400, graphError(INVALID_TOKEN, 190));
    if (state.page.id !== pageId)
      return sendJson(response, 400, graphError(`(#100) Object with ID '${pageId}' does not exist`, 100, 33));
    const token = `EAAP${randomBytes(24).toString("base64url")}`;
    tokens.add(token, state.page);
    return sendJson(response, 200, { access_token: token, id: pageId });
  }

  /** Handles the request if it is one of ours (true), else leaves it to the rest of the fake. */
  function handle(request: RecordedRequest, response: ServerResponse): boolean {
    if (request.path === `/${graphVersion}/oauth/access_token`) return (exchange(request, response), true);
    if (request.method !== "GET") return false;
    const page = new RegExp(`^/${graphVersion}/(\\d+)$`).exec(request.path);
    if (page && request.query.get("fields") === "access_token") return (pageToken(request, response, page[1]), true);
    return false;
  }

  const api: FakeGraphOAuthApi = {
    allowTokenExchange: (appId, appSecret) => void apps.set(appId, appSecret),
    exchangesFor: (token) => exchanges.filter((exchanged) => exchanged === token).length,
    secretsInAddress: () => secretsInAddress,
  };
  return { handle, api };
}
