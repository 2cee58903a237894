// Salesforce: refresh the access token (storing the rotated refresh token, if Salesforce rotated it), then make one
// authenticated call, GET {instance_url}/services/data/vXX.X/limits.
import { z } from "zod";
import type { Integration, Prisma } from "@/lib/generated/prisma/client";
import { openRequiredSecret, openSecret, sealSecret } from "@/lib/integrations/integration-secrets";
import { salesforceDefinition } from "./definition";
import { notConfigured, type CheckResult, type ConnectionCheck } from "@/lib/connections/connection-check";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";

const DEFAULT_API_VERSION = "v62.0";
const ZToken = z.object({ access_token: z.string().min(1), instance_url: z.url(), refresh_token: z.string().min(1).optional() });
const ZOAuthError = z.object({ error: z.string(), error_description: z.string().optional() });
const ZLimits = z.object({ DailyApiRequests: z.object({ Max: z.number(), Remaining: z.number() }).optional() });
const ZApiErrors = z.array(z.object({ message: z.string(), errorCode: z.string().optional() })).min(1);

type Session = { accessToken: string; instanceUrl: string; changes: Prisma.IntegrationUpdateInput };

async function refreshSession(integration: Integration): Promise<Session | CheckResult> {
  const config = (integration.config ?? {}) as Record<string, unknown>;
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: openRequiredSecret(integration, "refreshToken") });
  const clientId = openSecret(integration, "apiKey");
  const clientSecret = openSecret(integration, "apiSecret");
  if (clientId) form.set("client_id", clientId);
  if (clientSecret) form.set("client_secret", clientSecret);
  const base = integration.apiBaseUrl ?? salesforceDefinition.defaultApiBaseUrl;
  const response = await providerFetch("Salesforce", joinUrl(base, "/services/oauth2/token"), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  const token = ZToken.safeParse(response.json);
  if (!response.ok || !token.success) {
    const failure = ZOAuthError.safeParse(response.json);
    if (!failure.success) return { ok: false, error: `Salesforce: unexpected HTTP ${response.status} answer from the token endpoint` };
    const { error, error_description: description } = failure.data;
    return { ok: false, error: `Salesforce: ${description ?? error} (${error})`, needsReauth: error === "invalid_grant" };
  }
  const { access_token: accessToken, instance_url: instanceUrl, refresh_token: rotated } = token.data;
  return {
    accessToken,
    instanceUrl,
    changes: {
      accessToken: sealSecret(integration.id, "accessToken", accessToken),
      ...(rotated ? { refreshToken: sealSecret(integration.id, "refreshToken", rotated) } : {}),
      config: { ...config, instance_url: instanceUrl },
    },
  };
}

export const checkSalesforce: ConnectionCheck = async (integration) => {
  const config = (integration.config ?? {}) as { instance_url?: string; api_version?: string };
  let session: Session | CheckResult;
  if (integration.refreshToken) session = await refreshSession(integration);
  else if (integration.accessToken && config.instance_url) {
    session = { accessToken: openRequiredSecret(integration, "accessToken"), instanceUrl: config.instance_url, changes: {} };
  } else return notConfigured("A refresh token (or an access token and config.instance_url)");
  if ("ok" in session) return session;

  const version = config.api_version ? `v${config.api_version.replace(/^v/, "")}` : DEFAULT_API_VERSION;
  const response = await providerFetch("Salesforce", joinUrl(session.instanceUrl, `/services/data/${version}/limits`), {
    headers: { authorization: `Bearer ${session.accessToken}`, accept: "application/json" },
  });
  const limits = ZLimits.safeParse(response.json);
  if (response.ok && limits.success) {
    const daily = limits.data.DailyApiRequests;
    return {
      ok: true,
      details: { instance_url: session.instanceUrl, daily_api_requests: daily ? { max: daily.Max, remaining: daily.Remaining } : null },
      changes: { ...session.changes, needsReauth: false },
    };
  }
  const failure = ZApiErrors.safeParse(response.json);
  const reason = failure.success ? `${failure.data[0].message}${failure.data[0].errorCode ? ` (${failure.data[0].errorCode})` : ""}` : `unexpected HTTP ${response.status} answer`;
  return { ok: false, error: `Salesforce: ${reason}`, needsReauth: response.status === 401, changes: session.changes };
};
