// Request shapes of the integrations API, shared by the route handlers, the forms and the API docs.
import { z } from "zod";
import { ZStorableDateTime } from "./date-time";
import { ZIntegrationType } from "@/lib/providers/integration-types";

export { INTEGRATION_TYPES, ZIntegrationType, type TIntegrationType } from "@/lib/providers/integration-types";

/** What every response shows in place of a stored secret, and what a client may send back to mean "unchanged". */
export const SECRET_MASK = "••••••";

export const ZUuid = z.uuid({ error: "must be a valid UUID" });

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048);
const secretValue = z.string().min(1, "must not be empty").max(8192);
const jsonObject = z.record(z.string(), z.unknown(), { error: "must be a JSON object" });

const integrationFields = {
  name: z.string().trim().min(1, "must not be empty").max(200),
  api_base_url: httpUrl.nullable(),
  webhook_url: httpUrl.nullable(),
  webhook_verify_token: z
    .string()
    .regex(/^[\w.~-]{8,256}$/, "must be 8-256 URL-safe characters (letters, digits, - _ . ~)")
    .nullable(),
  api_key: z.string().max(4096).nullable(),
  api_secret: secretValue.nullable(),
  access_token: secretValue.nullable(),
  refresh_token: secretValue.nullable(),
  token_expires_at: ZStorableDateTime.nullable(),
  config: jsonObject,
  is_active: z.boolean({ error: "must be true or false" }),
};

export const ZCreateIntegration = z.strictObject({
  org_id: ZUuid,
  integration_type: ZIntegrationType,
  ...integrationFields,
  api_base_url: integrationFields.api_base_url.optional(),
  webhook_url: integrationFields.webhook_url.optional(),
  webhook_verify_token: integrationFields.webhook_verify_token.optional(),
  api_key: integrationFields.api_key.optional(),
  api_secret: integrationFields.api_secret.optional(),
  access_token: integrationFields.access_token.optional(),
  refresh_token: integrationFields.refresh_token.optional(),
  token_expires_at: integrationFields.token_expires_at.optional(),
  config: integrationFields.config.optional(),
  is_active: integrationFields.is_active.optional(),
});
export type TCreateIntegration = z.infer<typeof ZCreateIntegration>;

// A secret on update: omitted or the mask keeps the stored value, null clears it, anything else replaces it.
const secretUpdate = z
  .union([z.literal(SECRET_MASK), secretValue])
  .nullable()
  .optional();

export const ZUpdateIntegration = z.strictObject({
  id: ZUuid,
  // Accepted so clients can send back what they read, but they must match the stored integration.
  org_id: ZUuid.optional(),
  integration_type: ZIntegrationType.optional(),
  name: integrationFields.name.optional(),
  api_base_url: integrationFields.api_base_url.optional(),
  webhook_url: integrationFields.webhook_url.optional(),
  webhook_verify_token: integrationFields.webhook_verify_token.optional(),
  api_key: integrationFields.api_key.optional(),
  api_secret: secretUpdate,
  access_token: secretUpdate,
  refresh_token: secretUpdate,
  token_expires_at: integrationFields.token_expires_at.optional(),
  config: integrationFields.config.optional(),
  is_active: integrationFields.is_active.optional(),
});
export type TUpdateIntegration = z.infer<typeof ZUpdateIntegration>;

export const ZToggleIntegration = z.strictObject({
  id: ZUuid,
  active: z.boolean({ error: "must be true or false" }),
});

export const ZDeleteIntegration = z.strictObject({ id: ZUuid });

const booleanQuery = z
  .enum(["true", "false", "1", "0", ""], { error: "must be true or false" })
  .transform((value) => value === "true" || value === "1");

export const ZListIntegrationsQuery = z.object({
  org_id: z.uuid({ error: "org_id is required and must be a valid UUID" }),
  active_only: booleanQuery.optional(),
  // Only those that need attention (lib/integrations/attention.ts): the navigation's badge links here.
  attention: booleanQuery.optional(),
});
