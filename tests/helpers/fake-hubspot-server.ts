// HubSpot's GET /account-info/v3/details with private-app tokens, and its real 401 body.
import { randomUUID } from "node:crypto";
import { bearerToken, sendJson, startFakeHttpServer, type FakeHttpServer } from "./fake-http-server";

export type FakeHubSpotServer = FakeHttpServer & { addToken: (token: string, portalId: number) => void };

export async function startFakeHubSpotServer(): Promise<FakeHubSpotServer> {
  const portals = new Map<string, number>();
  const server = await startFakeHttpServer((request, response) => {
    if (request.method !== "GET" || request.path !== "/account-info/v3/details") {
      return sendJson(response, 404, { status: "error", message: "Resource not found", category: "OBJECT_NOT_FOUND", correlationId: randomUUID() });
    }
    const portalId = portals.get(bearerToken(request) ?? "");
    if (portalId === undefined) {
      return sendJson(response, 401, {
        status: "error",
        message: "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
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
  return { ...server, addToken: (token, portalId) => portals.set(token, portalId) };
}
