// Salesforce, server side.
import type { ProviderServer } from "../provider-server";
import { checkSalesforce } from "./connection-check";

export const salesforceServer = {
  checkConnection: checkSalesforce,
} satisfies ProviderServer;
