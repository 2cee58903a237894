// HubSpot: a private-app token is good when GET /account-info/v3/details answers the portal.
import { z } from "zod";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { hubspotDefinition } from "./definition";
import { notConfigured, type ConnectionCheck } from "@/lib/connections/connection-check";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";

const ZAccount = z.object({ portalId: z.number(), accountType: z.string().optional(), uiDomain: z.string().optional() });
const ZHubSpotError = z.object({ message: z.string(), category: z.string().optional() });

export const checkHubSpot: ConnectionCheck = async (integration) => {
  if (!integration.accessToken) return notConfigured("The private app access token");
  const base = integration.apiBaseUrl ?? hubspotDefinition.defaultApiBaseUrl;
  const response = await providerFetch("HubSpot", joinUrl(base, "/account-info/v3/details"), {
    headers: { authorization: `Bearer ${openRequiredSecret(integration, "accessToken")}` },
  });
  const account = ZAccount.safeParse(response.json);
  if (response.ok && account.success) {
    const { portalId, accountType, uiDomain } = account.data;
    return { ok: true, details: { portal_id: portalId, account_type: accountType ?? null, ui_domain: uiDomain ?? null }, changes: { needsReauth: false } };
  }
  const failure = ZHubSpotError.safeParse(response.json);
  const reason = failure.success ? failure.data.message : `unexpected HTTP ${response.status} answer`;
  return { ok: false, error: `HubSpot: ${reason}`, needsReauth: response.status === 401 };
};
