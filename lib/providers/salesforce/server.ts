// Salesforce, server side.
import type { ProviderServer } from "../provider-server";
import { salesforceTokenRefresher } from "./token-refresh";
import { checkSalesforce } from "./connection-check";

export const salesforceServer = {
  checkConnection: checkSalesforce,
  tokenRefresher: salesforceTokenRefresher,
} satisfies ProviderServer;
