// HubSpot, server side.
import type { ProviderServer } from "../provider-server";
import { hubspotTokenRefresher } from "./token-refresh";
import { checkHubSpot } from "./connection-check";

export const hubspotServer = {
  checkConnection: checkHubSpot,
  tokenRefresher: hubspotTokenRefresher,
} satisfies ProviderServer;
