// HubSpot (browser-safe): a private-app token, or an OAuth app's access and refresh tokens.
import { z } from "zod";
import { numericId } from "../config-fields";
import { integrationNameField, type ProviderDefinition } from "../provider-definition";

export const ZHubSpotConfig = z.strictObject({
  portal_id: numericId("HubSpot portal (Hub) ID").optional(),
});

export const hubspotDefinition = {
  type: "hubspot",
  label: "HubSpot",
  monogram: "HS",
  badgeClass: "bg-orange-700 text-white",
  description: "Sync contacts and deals with a HubSpot portal through a private app.",
  configSchema: ZHubSpotConfig,
  defaultApiBaseUrl: "https://api.hubapi.com",
  hasConnectionCheck: true,
  oauth: {
    authorizeUrl: "https://app.hubspot.com/oauth/authorize",
    tokenUrl: "https://api.hubapi.com/oauth/v1/token",
    scopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"],
    scopeSeparator: " ",
  },
  fields: [
    integrationNameField,
    {
      name: "access_token",
      label: "Private app token",
      kind: "secret",
      target: "root",
      required: true,
      hint: "HubSpot → Settings → Integrations → Private apps → your app → Access token.",
    },
    {
      name: "portal_id",
      label: "Portal ID (Hub ID)",
      kind: "text",
      target: "config",
      hint: "Shown in the top-right account menu of HubSpot.",
      placeholder: "12345678",
    },
  ],
} satisfies ProviderDefinition<"hubspot">;
