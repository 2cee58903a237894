// HubSpot: a token is good when GET /account-info/v3/details answers the portal. A private-app token is used as it
// is; an OAuth app's token is refreshed first when it expires within minutes, and once more on a 401.
import { z } from "zod";
import { checkWithFreshToken } from "@/lib/connections/check-with-fresh-token";
import { notConfigured, type ConnectionCheck } from "@/lib/connections/connection-check";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { hubspotDefinition } from "./definition";
import { hubspotTokenRefresher } from "./token-refresh";

const ZAccount = z.object({
  portalId: z.number(),
  accountType: z.string().optional(),
  uiDomain: z.string().optional(),
});
const ZHubSpotError = z.object({ message: z.string(), category: z.string().optional() });

const readAccount = (integration: Integration) =>
  providerFetch(
    "HubSpot",
    joinUrl(integration.apiBaseUrl ?? hubspotDefinition.defaultApiBaseUrl, "/account-info/v3/details"),
    {
      headers: { authorization: `Bearer ${openRequiredSecret(integration, "accessToken")}` },
    },
  );

export const checkHubSpot: ConnectionCheck = async (integration) => {
  if (!integration.accessToken && !hubspotTokenRefresher.canRefresh(integration))
    return notConfigured("The private app access token");
  return checkWithFreshToken(integration, readAccount, (response, used) => {
    const account = ZAccount.safeParse(response.json);
    if (response.ok && account.success) {
      const { portalId, accountType, uiDomain } = account.data;
      return {
        ok: true,
        details: { portal_id: portalId, account_type: accountType ?? null, ui_domain: uiDomain ?? null },
        changes: { needsReauth: false },
        checkedRow: used,
      };
    }
    const failure = ZHubSpotError.safeParse(response.json);
    const reason = failure.success ? failure.data.message : `unexpected HTTP ${response.status} answer`;
    return { ok: false, error: `HubSpot: ${reason}`, needsReauth: response.status === 401, checkedRow: used };
  });
};
