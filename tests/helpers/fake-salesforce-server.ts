// Salesforce: the OAuth token endpoint (refresh_token grant, rotating refresh tokens, Salesforce's real error bodies),
// token introspection (the org's session timeout as `exp`), and GET /services/data/vXX.X/limits on the instance —
// one server plays both, as api_base_url and instance_url.
import { randomBytes } from "node:crypto";
import { bearerToken, formOf, sendJson, startFakeHttpServer, type FakeHttpServer } from "./fake-http-server";

type Client = { clientId: string; clientSecret: string };

export type FakeSalesforceServer = FakeHttpServer & {
  /** Registers a valid refresh token; the server rotates it on use (the old one stops working). */
  addRefreshToken: (refreshToken: string, client: Client, options?: { rotates?: boolean }) => void;
  isRefreshTokenValid: (refreshToken: string) => boolean;
  /** Registers an access token the instance accepts (as if granted earlier). */
  addAccessToken: (accessToken: string) => void;
  /** The next `count` token requests answer 503 (a Salesforce outage: transient). */
  failNextTokenRequests: (count: number) => void;
  /** Token requests wait this long before answering (so concurrent callers overlap). */
  setTokenDelayMs: (ms: number) => void;
  /** The org's session timeout, reported by introspection as `exp` (default 2 h). */
  setSessionSeconds: (seconds: number) => void;
  /** refresh_token grants received for this refresh token (each one a call to the provider). */
  grantsFor: (refreshToken: string) => number;
};

export async function startFakeSalesforceServer(): Promise<FakeSalesforceServer> {
  const refreshTokens = new Map<string, Client & { rotates: boolean }>();
  const accessTokens = new Map<string, number>(); // token → issued at (ms)
  let failures = 0;
  let delayMs = 0;
  let sessionSeconds = 7200;
  const server = await startFakeHttpServer(async (request, response) => {
    if (request.method === "POST" && request.path === "/services/oauth2/token") {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (failures > 0) {
        failures -= 1;
        return response
          .writeHead(503, { "content-type": "text/html" })
          .end("<html><body>Service Unavailable</body></html>");
      }
      const form = formOf(request);
      const client = refreshTokens.get(form.get("refresh_token") ?? "");
      if (form.get("grant_type") !== "refresh_token")
        return sendJson(response, 400, {
          error: "unsupported_grant_type",
          error_description: "grant type not supported",
        });
      if (!client || client.clientId !== form.get("client_id")) {
        return sendJson(response, 400, { error: "invalid_grant", error_description: "expired access/refresh token" });
      }
      if (client.clientSecret !== form.get("client_secret"))
        return sendJson(response, 400, { error: "invalid_client", error_description: "invalid client credentials" });
      let rotated: string | undefined;
      if (client.rotates) {
        refreshTokens.delete(form.get("refresh_token")!);
        rotated = `5Aep${randomBytes(24).toString("base64url")}`;
        refreshTokens.set(rotated, client);
      }
      const accessToken = `00D${randomBytes(24).toString("base64url")}`;
      accessTokens.set(accessToken, Date.now());
      return sendJson(response, 200, {
        access_token: accessToken,
        ...(rotated ? { refresh_token: rotated } : {}),
        signature: randomBytes(32).toString("base64"),
        scope: "refresh_token api",
        instance_url: server.origin,
        id: `${server.origin}/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS`,
        token_type: "Bearer",
        issued_at: String(Date.now()),
      });
    }
    if (request.method === "POST" && request.path === "/services/oauth2/introspect") {
      const issuedAt = accessTokens.get(formOf(request).get("token") ?? "");
      if (issuedAt === undefined) return sendJson(response, 200, { active: false });
      return sendJson(response, 200, {
        active: true,
        token_type: "access_token",
        client_id: "3MVG",
        exp: Math.floor(issuedAt / 1000) + sessionSeconds,
        iat: Math.floor(issuedAt / 1000),
      });
    }
    if (request.method === "GET" && /^\/services\/data\/v\d+\.\d\/limits$/.test(request.path)) {
      if (!accessTokens.has(bearerToken(request) ?? "")) {
        return sendJson(response, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
      }
      return sendJson(response, 200, {
        DailyApiRequests: { Max: 15000, Remaining: 14998 },
        DataStorageMB: { Max: 5, Remaining: 5 },
      });
    }
    return sendJson(response, 404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
  });
  return {
    ...server,
    addRefreshToken: (token, client, options = {}) =>
      refreshTokens.set(token, { ...client, rotates: options.rotates ?? true }),
    isRefreshTokenValid: (token) => refreshTokens.has(token),
    addAccessToken: (token) => void accessTokens.set(token, Date.now()),
    failNextTokenRequests: (count) => void (failures = count),
    setTokenDelayMs: (ms) => void (delayMs = ms),
    setSessionSeconds: (seconds) => void (sessionSeconds = seconds),
    grantsFor: (refreshToken) =>
      server.requests.filter(
        (request) => request.path === "/services/oauth2/token" && formOf(request).get("refresh_token") === refreshToken,
      ).length,
  };
}
