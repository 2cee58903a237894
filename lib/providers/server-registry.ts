// The server-only half of every provider, by integration type (see registry.ts for the browser-safe half).
import { facebookServer } from "./facebook/server";
import { hubspotServer } from "./hubspot/server";
import type { TIntegrationType } from "./integration-types";
import { odooCrmServer } from "./odoo-crm/server";
import { otherServer } from "./other/server";
import type { ProviderServer } from "./provider-server";
import { salesforceServer } from "./salesforce/server";

export const PROVIDER_SERVERS = {
  facebook: facebookServer,
  hubspot: hubspotServer,
  salesforce: salesforceServer,
  odoo_crm: odooCrmServer,
  other: otherServer,
} satisfies Record<TIntegrationType, ProviderServer>;

export function providerServerOf(type: TIntegrationType): ProviderServer {
  return PROVIDER_SERVERS[type];
}
