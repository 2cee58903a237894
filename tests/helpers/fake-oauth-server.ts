// A fake authorization server for "Connect with …" on 127.0.0.1: HubSpot, Salesforce and Facebook each get a consent
// page (Allow / Cancel, as people see at the provider) that redirects back with a code or `error=access_denied`,
// and a token endpoint that checks what real ones check — client id and secret, redirect URI, one use per code, the
// PKCE verifier against the S256 challenge — answering in each provider's own shapes, errors included. Facebook also
// gets the Graph parts (fake-oauth-graph.ts): the long-lived token exchange, GET /me/accounts and Page subscription.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { formOf, sendJson, startFakeHttpServer, type FakeHttpServer, type RecordedRequest } from "./fake-http-server";
import { fakeOAuthGraph } from "./fake-oauth-graph";

export const FAKE_OAUTH_CLIENTS = {
  hubspot: { id: "hubspot-client-id", secret: "hubspot-client-secret-1" },
  salesforce: { id: "3MVG9salesforce.consumer.key", secret: "salesforce-consumer-secret-1" },
  facebook: { id: "1000000000000077", secret: "facebook-app-secret-0123456789ab" },
} as const;
type Provider = keyof typeof FAKE_OAUTH_CLIENTS;
export const GRAPH_PREFIX = "/graph/v21.0";

export type FakePage = { id: string; name: string; token: string };
type IssuedCode = { provider: Provider; challenge: string; redirectUri: string; clientId: string; isUsed: boolean };

export type FakeOAuthServer = FakeHttpServer & {
  /** The settings that point this server's OAuth apps here (server-env names). */
  env: Record<string, string>;
  /** Access and refresh tokens handed out, newest last, per provider. */
  issued: Record<Provider, { accessToken: string; refreshToken?: string }[]>;
  /** Pages GET /me/accounts lists for every long-lived user token (tests add theirs). */
  pages: FakePage[];
  subscribedPages: Set<string>;
  /** The next token request of this provider answers its real error shape instead. */
  failNextToken: (provider: Provider) => void;
  /** What the consent page's buttons do: the URL to follow for this decision (as a browser would). */
  decideUrl: (authorizeUrl: string, decision: "allow" | "deny") => string;
};

const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");
const html = (response: ServerResponse, body: string) =>
  response
    .writeHead(200, { "content-type": "text/html; charset=utf-8" })
    .end(`<!doctype html><html lang="en"><head><title>Consent</title></head><body>${body}</body></html>`);
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function tokenError(provider: Provider, response: ServerResponse, reason: string) {
  if (provider === "hubspot")
    return sendJson(response, 400, {
      status: "BAD_AUTH_CODE",
      message: `missing or unknown auth code (${reason})`,
      correlationId: randomUUID(),
    });
  if (provider === "salesforce")
    return sendJson(response, 400, { error: "invalid_grant", error_description: "authentication failure" });
  return sendJson(response, 400, {
    error: {
      message: `Invalid verification code format. (${reason})`,
      type: "OAuthException",
      code: 100,
      fbtrace_id: randomBytes(8).toString("hex"),
    },
  });
}

export async function startFakeOAuthServer(): Promise<FakeOAuthServer> {
  const codes = new Map<string, IssuedCode>();
  const shortUserTokens = new Set<string>();
  const longUserTokens = new Set<string>();
  const failing = new Set<Provider>();
  const issued: FakeOAuthServer["issued"] = { hubspot: [], salesforce: [], facebook: [] };
  const pages: FakePage[] = [];
  const subscribedPages = new Set<string>();
  let origin = "";
  const graph = fakeOAuthGraph({
    prefix: GRAPH_PREFIX,
    appId: FAKE_OAUTH_CLIENTS.facebook.id,
    pages,
    subscribedPages,
    isLongLivedUserToken: (token) => longUserTokens.has(token),
    exchange: (request, response) => exchange("facebook", request, response),
  });

  function consent(provider: Provider, request: RecordedRequest, response: ServerResponse) {
    const query = request.query;
    if (
      query.get("client_id") !== FAKE_OAUTH_CLIENTS[provider].id ||
      query.get("code_challenge_method") !== "S256" ||
      !query.get("code_challenge")
    ) {
      return html(response, "<h1>Invalid request</h1><p>Unknown client or missing PKCE challenge.</p>");
    }
    const link = (decision: string) =>
      `/${provider}/decide?${new URLSearchParams({ ...Object.fromEntries(query), decision })}`;
    return html(
      response,
      `<h1>Allow access to your ${provider} account?</h1><p>Scopes: ${escapeHtml(query.get("scope") ?? "")}</p>
      <a href="${escapeHtml(link("allow"))}">Allow</a> <a href="${escapeHtml(link("deny"))}">Cancel</a>`,
    );
  }

  function decide(provider: Provider, request: RecordedRequest, response: ServerResponse) {
    const query = request.query;
    const back = new URL(query.get("redirect_uri") ?? "");
    if (query.get("decision") === "allow") {
      const code = randomBytes(16).toString("hex");
      codes.set(code, {
        provider,
        challenge: query.get("code_challenge") ?? "",
        redirectUri: back.toString(),
        clientId: query.get("client_id") ?? "",
        isUsed: false,
      });
      back.searchParams.set("code", code);
    } else {
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("error_description", "The user denied your request.");
    }
    back.searchParams.set("state", query.get("state") ?? "");
    response.writeHead(302, { location: back.toString() }).end();
  }

  function exchange(provider: Provider, request: RecordedRequest, response: ServerResponse) {
    const form = formOf(request);
    const client = FAKE_OAUTH_CLIENTS[provider];
    if (failing.delete(provider)) return tokenError(provider, response, "made to fail");
    if (form.get("client_id") !== client.id || form.get("client_secret") !== client.secret)
      return tokenError(provider, response, "bad client");
    if (provider === "facebook" && form.get("grant_type") === "fb_exchange_token") {
      if (!shortUserTokens.has(form.get("fb_exchange_token") ?? ""))
        return tokenError(provider, response, "unknown user token");
      const longLived = `EAAL${randomBytes(24).toString("hex")}`;
      longUserTokens.add(longLived);
      return sendJson(response, 200, { access_token: longLived, token_type: "bearer", expires_in: 5183944 });
    }
    if (provider !== "facebook" && form.get("grant_type") !== "authorization_code")
      return tokenError(provider, response, "grant_type");
    const issuedCode = codes.get(form.get("code") ?? "");
    if (!issuedCode || issuedCode.provider !== provider || issuedCode.isUsed)
      return tokenError(provider, response, "unknown or used code");
    if (
      issuedCode.redirectUri !== form.get("redirect_uri") ||
      s256(form.get("code_verifier") ?? "") !== issuedCode.challenge
    ) {
      return tokenError(provider, response, "redirect_uri or code_verifier mismatch");
    }
    issuedCode.isUsed = true;
    const accessToken = `${provider}-access-${randomBytes(12).toString("hex")}`;
    const refreshToken = `${provider}-refresh-${randomBytes(12).toString("hex")}`;
    if (provider === "hubspot") {
      issued.hubspot.push({ accessToken, refreshToken });
      return sendJson(response, 200, {
        token_type: "bearer",
        refresh_token: refreshToken,
        access_token: accessToken,
        expires_in: 1800,
      });
    }
    if (provider === "salesforce") {
      issued.salesforce.push({ accessToken, refreshToken });
      return sendJson(response, 200, {
        access_token: accessToken,
        refresh_token: refreshToken,
        signature: randomBytes(16).toString("base64"),
        scope: "refresh_token api",
        instance_url: `${origin}/sf-instance`,
        id: `${origin}/id/00Dxx0000001gPL/005xx000001Sv6e`,
        token_type: "Bearer",
        issued_at: String(Date.now()),
      });
    }
    shortUserTokens.add(accessToken);
    return sendJson(response, 200, { access_token: accessToken, token_type: "bearer", expires_in: 5183 });
  }

  const server = await startFakeHttpServer((request, response) => {
    const [, first, second] = request.path.split("/");
    if (request.path.startsWith(`${GRAPH_PREFIX}/`)) return graph(request, response);
    if (first === "hubspot" || first === "salesforce" || first === "facebook") {
      if (second === "authorize" && request.method === "GET") return consent(first, request, response);
      if (second === "decide" && request.method === "GET") return decide(first, request, response);
      if (second === "token" && request.method === "POST") return exchange(first, request, response);
    }
    return sendJson(response, 404, { error: "not_found" });
  });
  origin = server.origin;
  return {
    ...server,
    env: {
      HUBSPOT_CLIENT_ID: FAKE_OAUTH_CLIENTS.hubspot.id,
      HUBSPOT_CLIENT_SECRET: FAKE_OAUTH_CLIENTS.hubspot.secret,
      HUBSPOT_OAUTH_AUTHORIZE_URL: `${origin}/hubspot/authorize`,
      HUBSPOT_OAUTH_TOKEN_URL: `${origin}/hubspot/token`,
      SALESFORCE_CLIENT_ID: FAKE_OAUTH_CLIENTS.salesforce.id,
      SALESFORCE_CLIENT_SECRET: FAKE_OAUTH_CLIENTS.salesforce.secret,
      SALESFORCE_OAUTH_AUTHORIZE_URL: `${origin}/salesforce/authorize`,
      SALESFORCE_OAUTH_TOKEN_URL: `${origin}/salesforce/token`,
      FACEBOOK_APP_ID: FAKE_OAUTH_CLIENTS.facebook.id,
      FACEBOOK_APP_SECRET: FAKE_OAUTH_CLIENTS.facebook.secret,
      FACEBOOK_OAUTH_AUTHORIZE_URL: `${origin}/facebook/authorize`,
      FACEBOOK_OAUTH_GRAPH_URL: `${origin}${GRAPH_PREFIX}`,
    },
    issued,
    pages,
    subscribedPages,
    failNextToken: (provider) => failing.add(provider),
    decideUrl: (authorizeUrl, decision) => {
      const url = new URL(authorizeUrl);
      const provider = url.pathname.split("/")[1];
      url.pathname = `/${provider}/decide`;
      url.searchParams.set("decision", decision);
      return url.toString();
    },
  };
}
