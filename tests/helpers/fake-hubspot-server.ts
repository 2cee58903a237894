// HubSpot's GET /account-info/v3/details with private-app or OAuth access tokens, its OAuth token endpoint
// (POST /oauth/v1/token, refresh_token grant), and its real error bodies (401 INVALID_AUTHENTICATION; 400
// BAD_REFRESH_TOKEN).
import { randomBytes, randomUUID } from "node:crypto";
import { bearerToken, sendJson, startFakeHttpServer, type FakeHttpServer } from "./fake-http-server";

type OAuthClient = { clientId: string; clientSecret: string; portalId: number };

export type FakeHubSpotServer = FakeHttpServer & {
  addToken: (token: string, portalId: number) => void;
  /** Forgets an access token (expired or revoked): calls with it answer 401. */
  revokeToken: (token: string) => void;
  /** Registers an OAuth refresh token. HubSpot answers it back unchanged unless `omitsRefreshToken` (some proxies do). */
  addRefreshToken: (refreshToken: string, client: OAuthClient, options?: { omitsRefreshToken?: boolean }) => void;
  grantsFor: (refreshToken: string) => number;
};

export async function startFakeHubSpotServer(): Promise<FakeHubSpotServer> {
  const portals = new Map<string, number>();
  const refreshTokens = new Map<string, OAuthClient & { omitsRefreshToken: boolean }>();
  const server = await startFakeHttpServer((request, response) => {
    if (request.method === "POST" && request.path === "/oauth/v1/token") {
      const form = new URLSearchParams(request.body);
      const refreshToken = form.get("refresh_token") ?? "";
      const client = refreshTokens.get(refreshToken);
      if (!client)
        return sendJson(response, 400, {
          status: "BAD_REFRESH_TOKEN",
          message: "missing or unknown refresh token",
          correlationId: randomUUID(),
        });
      if (client.clientId !== form.get("client_id") || client.clientSecret !== form.get("client_secret")) {
        return sendJson(response, 400, {
          status: "BAD_CLIENT_ID",
          message: "missing or unknown client id",
          correlationId: randomUUID(),
        });
      }
      const accessToken = `CO${randomBytes(24).toString("base64url")}`;
      portals.set(accessToken, client.portalId);
      return sendJson(response, 200, {
        token_type: "bearer",
        ...(client.omitsRefreshToken ? {} : { refresh_token: refreshToken }),
        access_token: accessToken,
        expires_in: 1800,
      });
    }
    if (request.method !== "GET" || request.path !== "/account-info/v3/details") {
      return sendJson(response, 404, {
        status: "error",
        message: "Resource not found",
        category: "OBJECT_NOT_FOUND",
        correlationId: randomUUID(),
      });
    }
    const portalId = portals.get(bearerToken(request) ?? "");
    if (portalId === undefined) {
      return sendJson(response, 401, {
        status: "error",
        message:
          "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        correlationId: randomUUID(),
        category: "INVALID_AUTHENTICATION",
      });
    }
    return sendJson(response, 200, {
      portalId,
      accountType: "STANDARD",
      timeZone: "US/Eastern",
      companyCurrency: "USD",
      additionalCurrencies: [],
      utcOffset: "-05:00",
      utcOffsetMilliseconds: -18000000,
      uiDomain: "app.hubspot.com",
      dataHostingLocation: "na1",
    });
  });
  return {
    ...server,
    addToken: (token, portalId) => portals.set(token, portalId),
    revokeToken: (token) => void portals.delete(token),
    addRefreshToken: (token, client, options = {}) =>
      refreshTokens.set(token, { ...client, omitsRefreshToken: options.omitsRefreshToken ?? false }),
    grantsFor: (refreshToken) =>
      server.requests.filter(
        (request) =>
          request.path === "/oauth/v1/token" && new URLSearchParams(request.body).get("refresh_token") === refreshToken,
      ).length,
  };
}
