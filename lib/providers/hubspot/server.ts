// HubSpot, server side.
import type { ProviderServer } from "../provider-server";
import { checkHubSpot } from "./connection-check";

export const hubspotServer = {
  checkConnection: checkHubSpot,
} satisfies ProviderServer;
