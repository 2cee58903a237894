// Odoo: XML-RPC /xmlrpc/2/common — version() proves it is an Odoo server, authenticate(db, login, key, {}) proves
// the credentials (it answers a user id, or false).
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret } from "@/lib/integrations/integration-secrets";
import { notConfigured, type ConnectionCheck } from "@/lib/connections/connection-check";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";
import { decodeMethodResponse, encodeMethodCall, XmlRpcFault, type XmlRpcValue } from "@/lib/connections/xml-rpc";

async function callCommon(integration: Integration, method: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
  const response = await providerFetch("Odoo", joinUrl(integration.apiBaseUrl!, "/xmlrpc/2/common"), {
    method: "POST",
    headers: { "content-type": "text/xml" },
    body: encodeMethodCall(method, params),
  });
  if (!response.ok) throw new XmlRpcFault(response.status, `unexpected HTTP ${response.status} answer`);
  try {
    return decodeMethodResponse(response.text);
  } catch (error) {
    if (error instanceof XmlRpcFault) throw error;
    throw new XmlRpcFault(null, "the answer is not XML-RPC");
  }
}

export const checkOdoo: ConnectionCheck = async (integration) => {
  const config = (integration.config ?? {}) as { database?: string; login?: string };
  const keyField = integration.apiSecret ? "apiSecret" : "accessToken";
  if (!integration.apiBaseUrl) return notConfigured("api_base_url (the Odoo server address)");
  if (!config.database || !config.login) return notConfigured("config.database and config.login");
  if (!integration[keyField]) return notConfigured("The API key or password (api_secret)");
  try {
    const version = (await callCommon(integration, "version", [])) as Record<string, XmlRpcValue> | null;
    const uid = await callCommon(integration, "authenticate", [
      config.database,
      config.login,
      openRequiredSecret(integration, keyField),
      {},
    ]);
    if (typeof uid !== "number" || uid <= 0) {
      return { ok: false, error: "Odoo: the database, login or API key was refused", needsReauth: true };
    }
    return {
      ok: true,
      details: { uid, server_version: version?.server_version ?? null },
      changes: { needsReauth: false },
    };
  } catch (error) {
    if (error instanceof XmlRpcFault) return { ok: false, error: `Odoo: ${error.faultString}` };
    throw error;
  }
};
