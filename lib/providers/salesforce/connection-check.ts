// Salesforce: one authenticated call, GET {instance_url}/services/data/vXX.X/limits, with a fresh access token (the
// refresh engine gets one first when there is none or it expires within minutes, and again once on a 401).
import { z } from "zod";
import { checkWithFreshToken } from "@/lib/connections/check-with-fresh-token";
import { notConfigured, type ConnectionCheck } from "@/lib/connections/connection-check";
import { joinUrl, providerFetch, type ProviderResponse } from "@/lib/connections/provider-fetch";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";

const DEFAULT_API_VERSION = "v62.0";
const ZLimits = z.object({ DailyApiRequests: z.object({ Max: z.number(), Remaining: z.number() }).optional() });
const ZApiErrors = z.array(z.object({ message: z.string(), errorCode: z.string().optional() })).min(1);

type SalesforceConfig = { instance_url?: string; api_version?: string };
const configOf = (integration: Integration) => (integration.config ?? {}) as SalesforceConfig;

async function readLimits(integration: Integration): Promise<ProviderResponse> {
  const config = configOf(integration);
  // No instance known yet (only a refresh token was stored): like a 401, this asks the engine for a session first.
  if (!config.instance_url) return { status: 401, ok: false, text: "", json: null, headers: new Headers() };
  const version = config.api_version ? `v${config.api_version.replace(/^v/, "")}` : DEFAULT_API_VERSION;
  return providerFetch("Salesforce", joinUrl(config.instance_url!, `/services/data/${version}/limits`), {
    headers: { authorization: `Bearer ${openRequiredSecret(integration, "accessToken")}`, accept: "application/json" },
  });
}

export const checkSalesforce: ConnectionCheck = async (integration) => {
  if (!integration.refreshToken && !(integration.accessToken && configOf(integration).instance_url)) {
    return notConfigured("A refresh token (or an access token and config.instance_url)");
  }
  return checkWithFreshToken(integration, readLimits, (response, used) => {
    const limits = ZLimits.safeParse(response.json);
    if (response.ok && limits.success) {
      const daily = limits.data.DailyApiRequests;
      return {
        ok: true,
        details: {
          instance_url: configOf(used).instance_url ?? null,
          daily_api_requests: daily ? { max: daily.Max, remaining: daily.Remaining } : null,
        },
        changes: { needsReauth: false },
        checkedRow: used,
      };
    }
    const failure = ZApiErrors.safeParse(response.json);
    const reason = failure.success
      ? `${failure.data[0].message}${failure.data[0].errorCode ? ` (${failure.data[0].errorCode})` : ""}`
      : `unexpected HTTP ${response.status} answer`;
    return { ok: false, error: `Salesforce: ${reason}`, needsReauth: response.status === 401, checkedRow: used };
  });
};
