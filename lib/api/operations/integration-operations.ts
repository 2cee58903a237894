// The integrations endpoints of the guide, plus test connection and Page subscription.
import type { z } from "zod";
import { ZOrgQuery } from "@/lib/validations/api-key";
import { ZMessageResponse } from "@/lib/validations/api-schemas";
import {
  ZCreateIntegration,
  ZDeleteIntegration,
  ZListIntegrationsQuery,
  ZToggleIntegration,
  ZUpdateIntegration,
} from "@/lib/validations/integration";
import {
  ZAttentionCount,
  ZIntegrationChangeResponse,
  ZIntegrationListResponse,
  ZIntegrationResponse,
  ZResubscribeResult,
  ZTestConnectionResult,
} from "@/lib/validations/integration-response";
import { operationsTagged, type TApiOperation } from "./define-operation";

const GUIDE_ID = "55fcad75-d3d2-4cf2-9313-8974f57dbc93";

const integrations = operationsTagged("Integrations");
const connections = operationsTagged("Connections");

/**
 * A change to one of the organization's integrations, named by `id` in the body (the guide's id in the example): 404
 * when the organization has no such integration, 409 when the change conflicts with its current state.
 */
const changeById = (
  body: z.ZodType,
  example: Record<string, unknown>,
  response: z.ZodType = ZIntegrationChangeResponse,
) => ({
  body,
  bodyExample: { id: GUIDE_ID, ...example },
  responses: { 200: response },
  errors: [400, 404, 409],
});

export const integrationOperations: TApiOperation[] = [
  integrations.getWithQuery(
    "/organization-integrations",
    "getIntegrations",
    ZListIntegrationsQuery,
    ZIntegrationListResponse,
    "List an organization's integrations (attention=1: only those that need someone to act)",
  ),
  integrations.getWithQuery(
    "/organization-integrations-attention",
    "countIntegrationsNeedingAttention",
    ZOrgQuery,
    ZAttentionCount,
    "How many active integrations need someone to act (the navigation's badge)",
  ),
  integrations.get(
    "/organization-integration/{integration_id}",
    "getIntegrationDetails",
    { responses: { 200: ZIntegrationResponse }, errors: [400, 404] },
    "Get one integration (secrets masked)",
  ),
  integrations.post(
    "/create-organization-integration",
    "createIntegration",
    {
      body: ZCreateIntegration,
      bodyExample: {
        org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b",
        integration_type: "facebook",
        name: "Facebook Messenger Integration",
        api_base_url: "https://graph.facebook.com/v17.0",
        webhook_url: "https://example.com/webhook",
        webhook_verify_token: "your_custom_verify_token",
        api_key: "your_api_key",
        api_secret: "your_api_secret",
        access_token: "your_access_token",
        refresh_token: "your_refresh_token",
        config: { page_id: "123456789012345", verify_token: "your_verification_token" },
        is_active: false,
      },
      responses: { 201: ZIntegrationChangeResponse },
      errors: [400, 409],
    },
    "Create an integration",
  ),
  integrations.post(
    "/update-organization-integration",
    "updateIntegration",
    changeById(ZUpdateIntegration, {
      name: "Updated Facebook Integration",
      webhook_url: "https://example.com/updated-webhook",
      config: { page_id: "987654321098765", verify_token: "updated_verify_token" },
    }),
    "Update an integration (omit a secret or send •••••• to keep it, null to clear it)",
  ),
  integrations.post(
    "/toggle-organization-integration",
    "toggleIntegration",
    changeById(ZToggleIntegration, { active: true }),
    "Activate or deactivate an integration",
  ),
  integrations.post(
    "/delete-organization-integration",
    "deleteIntegration",
    changeById(ZDeleteIntegration, {}, ZMessageResponse),
    "Delete an integration",
  ),
  connections.post(
    "/organization-integration/{integration_id}/test",
    "testConnection",
    { responses: { 200: ZTestConnectionResult }, errors: [400, 404, 409] },
    "Test connection: one authenticated call to the provider; a refusal is 200 { ok: false, error }",
  ),
  connections.post(
    "/organization-integration/{integration_id}/subscribe",
    "subscribePage",
    { responses: { 200: ZResubscribeResult }, errors: [400, 404, 409] },
    "Subscribe again: subscribes the Facebook Page to the app's webhook fields now (write access); Meta's refusal is 200 { ok: false, error, subscription }",
  ),
];
