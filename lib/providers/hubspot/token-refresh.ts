// HubSpot OAuth apps: POST {api_base_url}/oauth/v1/token with grant_type=refresh_token, client id = api_key, secret =
// api_secret. HubSpot answers expires_in (30 minutes) and a refresh token (usually the same one; stored if it
// differs). A private-app token (no refresh token) does not expire and is never refreshed.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { formPost, joinUrl, providerFetch } from "@/lib/connections/provider-fetch";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { isPermanentRefusal, type RefreshGrant, type TokenRefresher } from "@/lib/token-refresh/token-refresher";
import { hubspotDefinition } from "./definition";

const ZToken = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
});
// HubSpot's OAuth refusals: {"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token",…} with 400.
const ZHubSpotError = z.object({ status: z.string(), message: z.string().optional() });
const PERMANENT_STATUSES = ["BAD_REFRESH_TOKEN", "BAD_CLIENT_ID", "BAD_CLIENT_SECRET", "INVALID_REFRESH_TOKEN"];

export async function refreshHubSpotToken(integration: Integration): Promise<RefreshGrant> {
  const response = await providerFetch(
    "HubSpot",
    joinUrl(integration.apiBaseUrl ?? hubspotDefinition.defaultApiBaseUrl, "/oauth/v1/token"),
    formPost({
      grant_type: "refresh_token",
      client_id: openRequiredSecret(integration, "apiKey"),
      client_secret: openRequiredSecret(integration, "apiSecret"),
      refresh_token: openRequiredSecret(integration, "refreshToken"),
    }),
  );
  const token = ZToken.safeParse(response.json);
  if (response.ok && token.success) {
    const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = token.data;
    return { outcome: "refreshed", accessToken, refreshToken, tokenExpiresAt: new Date(Date.now() + expiresIn * 1000) };
  }
  const failure = ZHubSpotError.safeParse(response.json);
  const reason = failure.success
    ? `HubSpot: ${failure.data.message ?? failure.data.status} (${failure.data.status})`
    : `HubSpot: unexpected HTTP ${response.status} answer from the token endpoint`;
  if (failure.success && isPermanentRefusal(response.status, failure.data.status, PERMANENT_STATUSES))
    return { outcome: "rejected", reason };
  throw new AppError("bad_gateway", reason);
}

export const hubspotTokenRefresher: TokenRefresher = {
  canRefresh: (integration) => Boolean(integration.refreshToken && integration.apiKey && integration.apiSecret),
  refresh: refreshHubSpotToken,
};
