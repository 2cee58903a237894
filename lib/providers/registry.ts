// Every provider, by integration type (browser-safe). Adding a provider is adding a folder and a line here and in
// server-registry.ts; the `satisfies` makes a missing type a compile error.
import { facebookDefinition } from "./facebook/definition";
import { hubspotDefinition } from "./hubspot/definition";
import type { TIntegrationType } from "./integration-types";
import { odooCrmDefinition } from "./odoo-crm/definition";
import { otherDefinition } from "./other/definition";
import type { ProviderDefinition } from "./provider-definition";
import { salesforceDefinition } from "./salesforce/definition";

export const PROVIDERS = {
  facebook: facebookDefinition,
  hubspot: hubspotDefinition,
  salesforce: salesforceDefinition,
  odoo_crm: odooCrmDefinition,
  other: otherDefinition,
} satisfies { [T in TIntegrationType]: ProviderDefinition<T> };

export function providerOf(type: TIntegrationType): ProviderDefinition {
  return PROVIDERS[type];
}

/** In the order people choose from (the create page's cards, the list's type filter). */
export const PROVIDER_LIST: ProviderDefinition[] = Object.values(PROVIDERS);
