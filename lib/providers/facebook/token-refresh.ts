// Facebook: a token with an expiry (a user token pasted from the Graph API Explorer lives an hour or two) is exchanged,
// where the App ID and App Secret are known, with GET /oauth/access_token?grant_type=fb_exchange_token for a
// long-lived user token, and that for the Page's own token (GET /{page-id}?fields=access_token), which does not
// expire. Tokens with an expiry are taken up 7 days before it, so a long-lived one is renewed (or flagged) in time.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { formPost, joinUrl, providerFetch, type ProviderResponse } from "@/lib/connections/provider-fetch";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { GRAPH_INVALID_TOKEN_CODE, graphBaseUrl } from "@/lib/messenger/graph-api";
import { appCredentialsOf } from "@/lib/messenger/token-health";
import type { RefreshGrant, TokenRefresher } from "@/lib/token-refresh/token-refresher";

const ZExchanged = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().optional() });
const ZPageToken = z.object({ access_token: z.string().min(1) });
const ZGraphError = z.object({
  error: z.object({ message: z.string().default("Unknown error"), code: z.number().optional() }),
});

type Refusal = { outcome: "rejected"; reason: string };

/** Meta's 190 is a dead token (a person must reconnect); any other refusal may pass and throws. */
function refusalOf(response: ProviderResponse, what: string): Refusal {
  const graph = ZGraphError.safeParse(response.json);
  const reason = graph.success
    ? `Facebook: ${graph.data.error.message} (code ${graph.data.error.code ?? "unknown"})`
    : `Facebook: unexpected HTTP ${response.status} answer to ${what}`;
  if (graph.success && graph.data.error.code === GRAPH_INVALID_TOKEN_CODE) return { outcome: "rejected", reason };
  throw new AppError("bad_gateway", reason);
}

function credentialsOrNull(integration: Integration) {
  try {
    return appCredentialsOf(integration);
  } catch {
    return null; // an App ID that cannot be read is the same as none here: no exchange
  }
}

export async function exchangeFacebookToken(integration: Integration): Promise<RefreshGrant> {
  const credentials = credentialsOrNull(integration);
  if (!credentials)
    throw new AppError("bad_request", "Facebook: the App ID and App Secret are needed to renew the token");
  const base = graphBaseUrl(integration);
  // A POST form, never the address: proxies and access logs keep addresses.
  const exchanged = await providerFetch(
    "Facebook",
    joinUrl(base, "/oauth/access_token"),
    formPost({
      grant_type: "fb_exchange_token",
      client_id: credentials.appId,
      client_secret: credentials.appSecret,
      fb_exchange_token: openRequiredSecret(integration, "accessToken"),
    }),
  );
  const userToken = ZExchanged.safeParse(exchanged.json);
  if (!exchanged.ok || !userToken.success) return refusalOf(exchanged, "the token exchange");
  const pageId = (integration.config as { page_id?: string } | null)?.page_id;
  if (pageId) {
    const page = await providerFetch(
      "Facebook",
      `${joinUrl(base, `/${encodeURIComponent(pageId)}`)}?fields=access_token`,
      {
        headers: { authorization: `Bearer ${userToken.data.access_token}` },
      },
    );
    const pageToken = ZPageToken.safeParse(page.json);
    if (!page.ok || !pageToken.success) return refusalOf(page, "the Page token request");
    // A Page token obtained with a long-lived user token does not expire (Meta: until the password changes, …).
    return { outcome: "refreshed", accessToken: pageToken.data.access_token, tokenExpiresAt: null };
  }
  const expiresIn = userToken.data.expires_in;
  return {
    outcome: "refreshed",
    accessToken: userToken.data.access_token,
    tokenExpiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
  };
}

export const facebookTokenRefresher: TokenRefresher = {
  canRefresh: (integration) =>
    Boolean(integration.accessToken && integration.tokenExpiresAt && credentialsOrNull(integration)),
  refresh: exchangeFacebookToken,
};
