// Salesforce (browser-safe): a connected app's consumer key and secret and a refresh token; the login host is
// api_base_url, the org's own host config.instance_url.
import { z } from "zod";
import { integrationNameField, type ProviderDefinition } from "../provider-definition";

export const ZSalesforceConfig = z.strictObject({
  // Where the org's data lives (returned by the token endpoint); api_base_url is the login host used for OAuth.
  instance_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  api_version: z
    .string()
    .regex(/^v?\d+\.\d$/, "must look like 62.0")
    .optional(),
});

export const salesforceDefinition = {
  type: "salesforce",
  label: "Salesforce",
  monogram: "SF",
  badgeClass: "bg-sky-700 text-white",
  description: "Connect a Salesforce org through a connected app (OAuth refresh token).",
  configSchema: ZSalesforceConfig,
  defaultApiBaseUrl: "https://login.salesforce.com",
  hasConnectionCheck: true,
  oauth: {
    authorizeUrl: "https://login.salesforce.com/services/oauth2/authorize",
    tokenUrl: "https://login.salesforce.com/services/oauth2/token",
    // refresh_token: without it Salesforce hands out no refresh token and the connection dies with the session.
    scopes: ["api", "refresh_token"],
    scopeSeparator: " ",
  },
  fields: [
    integrationNameField,
    {
      name: "api_base_url",
      label: "Login URL",
      kind: "url",
      target: "root",
      required: true,
      defaultValue: "https://login.salesforce.com",
      hint: "https://test.salesforce.com for sandboxes, or your My Domain login URL.",
    },
    {
      name: "instance_url",
      label: "Instance URL",
      kind: "url",
      target: "config",
      placeholder: "https://yourcompany.my.salesforce.com",
    },
    {
      name: "api_key",
      label: "Consumer key",
      kind: "text",
      target: "root",
      required: true,
      hint: "From your connected app's OAuth settings.",
    },
    { name: "api_secret", label: "Consumer secret", kind: "secret", target: "root", required: true },
    { name: "refresh_token", label: "Refresh token", kind: "secret", target: "root", required: true },
  ],
} satisfies ProviderDefinition<"salesforce">;
