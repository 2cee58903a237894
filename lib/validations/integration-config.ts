// What each integration type keeps in `config`. Shared by the API (validation) and the forms (zodResolver).
import { z } from "zod";

export const INTEGRATION_TYPES = ["facebook", "hubspot", "salesforce", "odoo_crm", "other"] as const;
export const ZIntegrationType = z.enum(INTEGRATION_TYPES, {
  error: `integration_type must be one of: ${INTEGRATION_TYPES.join(", ")}`,
});
export type TIntegrationType = z.infer<typeof ZIntegrationType>;

const numericId = (what: string) => z.string().trim().regex(/^\d{1,32}$/, `must be a numeric ${what}`);

export const ZFacebookConfig = z.strictObject({
  page_id: numericId("Facebook Page ID").optional(),
  page_name: z.string().max(200).optional(),
  // Accepted for compatibility with the guide's example; the verify token itself is `webhook_verify_token`.
  verify_token: z.string().max(256).optional(),
  // Testing without a Meta App Secret: unsigned deliveries for this Page are then stored, marked unverified. Off by
  // default, because anyone who knows the webhook URL could then post messages, echoes and receipts.
  accept_unsigned_events: z.boolean({ error: "must be true or false" }).optional(),
  // Messages and their attachments older than this many days are deleted by the daily retention job; unset keeps all.
  retention_days: z.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(36_500).optional(),
});

export const ZHubSpotConfig = z.strictObject({
  portal_id: numericId("HubSpot portal (Hub) ID").optional(),
});

export const ZSalesforceConfig = z.strictObject({
  // Where the org's data lives (returned by the token endpoint); api_base_url is the login host used for OAuth.
  instance_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  api_version: z.string().regex(/^v?\d+\.\d$/, "must look like 62.0").optional(),
});

export const ZOdooConfig = z.strictObject({
  database: z.string().trim().min(1, "is required").max(200),
  login: z.string().trim().min(1, "is required").max(200),
});

export const ZOtherConfig = z.record(z.string(), z.unknown());

export const configSchemaByType = {
  facebook: ZFacebookConfig,
  hubspot: ZHubSpotConfig,
  salesforce: ZSalesforceConfig,
  odoo_crm: ZOdooConfig,
  other: ZOtherConfig,
} satisfies Record<TIntegrationType, z.ZodType>;

/** The provider's API root when the admin gives none (Facebook's comes from the server's Graph settings). */
export const defaultApiBaseUrlByType: Partial<Record<TIntegrationType, string>> = {
  hubspot: "https://api.hubapi.com",
  salesforce: "https://login.salesforce.com",
};
