// Salesforce: the OAuth token endpoint (refresh_token grant, rotating refresh tokens) on the login host, and
// GET /services/data/vXX.X/limits on the instance — one server plays both, as api_base_url and instance_url.
import { randomBytes } from "node:crypto";
import { bearerToken, sendJson, startFakeHttpServer, type FakeHttpServer } from "./fake-http-server";

type Client = { clientId: string; clientSecret: string };

export type FakeSalesforceServer = FakeHttpServer & {
  /** Registers a valid refresh token; the server rotates it on use (the old one stops working). */
  addRefreshToken: (refreshToken: string, client: Client) => void;
  isRefreshTokenValid: (refreshToken: string) => boolean;
};

export async function startFakeSalesforceServer(): Promise<FakeSalesforceServer> {
  const refreshTokens = new Map<string, Client>();
  const accessTokens = new Set<string>();
  const server = await startFakeHttpServer((request, response) => {
    if (request.method === "POST" && request.path === "/services/oauth2/token") {
      const form = new URLSearchParams(request.body);
      const client = refreshTokens.get(form.get("refresh_token") ?? "");
      if (form.get("grant_type") !== "refresh_token") return sendJson(response, 400, { error: "unsupported_grant_type", error_description: "grant type not supported" });
      if (!client || client.clientId !== form.get("client_id")) {
        return sendJson(response, 400, { error: "invalid_grant", error_description: "expired access/refresh token" });
      }
      if (client.clientSecret !== form.get("client_secret")) return sendJson(response, 400, { error: "invalid_client", error_description: "invalid client credentials" });
      refreshTokens.delete(form.get("refresh_token")!);
      const rotated = `5Aep${randomBytes(24).toString("base64url")}`;
      refreshTokens.set(rotated, client);
      const accessToken = `00D${randomBytes(24).toString("base64url")}`;
      accessTokens.add(accessToken);
      return sendJson(response, 200, {
        access_token: accessToken,
        refresh_token: rotated,
        signature: randomBytes(32).toString("base64"),
        scope: "refresh_token api",
        instance_url: server.origin,
        id: `${server.origin}/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS`,
        token_type: "Bearer",
        issued_at: String(Date.now()),
      });
    }
    if (request.method === "GET" && /^\/services\/data\/v\d+\.\d\/limits$/.test(request.path)) {
      if (!accessTokens.has(bearerToken(request) ?? "")) {
        return sendJson(response, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
      }
      return sendJson(response, 200, { DailyApiRequests: { Max: 15000, Remaining: 14998 }, DataStorageMB: { Max: 5, Remaining: 5 } });
    }
    return sendJson(response, 404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
  });
  return {
    ...server,
    addRefreshToken: (token, client) => refreshTokens.set(token, client),
    isRefreshTokenValid: (token) => refreshTokens.has(token),
  };
}
