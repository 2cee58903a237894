// Response shapes of the integrations API: what the serializers (lib/integrations/serialize-integration.ts) are typed
// by, what /openapi.json and the typed client describe, and what the UI reads.
import { z } from "zod";
import { named, orgRecordFields, ZIsoDateTime } from "./api-schemas";
import { SECRET_MASK } from "./integration";
import { TOKEN_STATES } from "@/lib/token-refresh/token-state";
import { ZIntegrationType } from "./integration";

/** What the access token needs (lib/token-refresh/token-state.ts): a person, a refresh in flight, a refresh soon, nothing. */
export const ZTokenState = z.enum(TOKEN_STATES);
export type TTokenState = z.infer<typeof ZTokenState>;

const GUIDE_INTEGRATION = {
  id: "55fcad75-d3d2-4cf2-9313-8974f57dbc93",
  org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b",
  integration_type: "facebook",
  name: "Facebook Messenger Integration",
  is_active: true,
  api_base_url: "https://graph.facebook.com/v17.0",
  webhook_url: "https://example.com/webhook",
  created_at: "2023-06-14T12:30:45.123Z",
  updated_at: "2023-06-14T12:30:45.123Z",
  status: { needs_reauth: false, token_state: "valid" },
};

// What lists show of an integration's status; the detail's status adds the refresh and connection-check history.
const credentialHealthFields = { needs_reauth: z.boolean(), token_state: ZTokenState };

export const ZIntegrationListItem = named(
  z.strictObject({
    ...orgRecordFields,
    integration_type: ZIntegrationType,
    name: z.string(),
    is_active: z.boolean(),
    api_base_url: z.string().nullable(),
    webhook_url: z.string().nullable(),
    created_at: ZIsoDateTime,
    updated_at: ZIsoDateTime,
    status: z.strictObject(credentialHealthFields),
  }),
  {
    id: "IntegrationListItem",
    description: "An integration as lists show it (no credentials)",
    examples: [GUIDE_INTEGRATION],
  },
);
export type TIntegrationListItem = z.infer<typeof ZIntegrationListItem>;

export const ZPageSubscription = named(
  z.strictObject({
    status: z.enum(["pending", "subscribed", "failed", "unsubscribed"]).nullable(),
    error: z.string().nullable(),
    checked_at: ZIsoDateTime.nullable(),
  }),
  {
    id: "PageSubscription",
    description: "Whether the Facebook Page is subscribed to the app's webhook; null status: never asked for",
  },
);
export type TPageSubscription = z.infer<typeof ZPageSubscription>;

export const ZIntegrationStatus = named(
  z.strictObject({
    ...credentialHealthFields,
    last_refreshed_at: ZIsoDateTime.nullable(),
    last_checked_at: ZIsoDateTime.nullable(),
    last_check_ok: z.boolean().nullable(),
    last_check_error: z.string().nullable(),
  }),
  {
    id: "IntegrationStatus",
    description:
      "The connection's health: its access token's state, the last refresh, and what the last test connection found",
  },
);

export const ZMessengerWebhookStatus = named(
  z.strictObject({
    last_event_at: ZIsoDateTime.nullable(),
    has_unverified_events: z.boolean(),
    app_secret_source: z.enum(["integration", "server"]).nullable(),
    subscription: ZPageSubscription,
  }),
  {
    id: "MessengerWebhookStatus",
    description: "Webhook health of a Facebook integration (never the App Secret: only where it comes from)",
  },
);

export const ZIntegrationDetail = named(
  ZIntegrationListItem.extend({
    webhook_verify_token: z.string().nullable(),
    api_key: z.string().nullable(),
    api_secret: z.literal(SECRET_MASK).nullable(),
    access_token: z.literal(SECRET_MASK).nullable(),
    refresh_token: z.literal(SECRET_MASK).nullable(),
    token_expires_at: ZIsoDateTime.nullable(),
    config: z.record(z.string(), z.unknown()),
    status: ZIntegrationStatus,
    messenger: ZMessengerWebhookStatus.nullable(),
  }),
  {
    id: "IntegrationDetail",
    description: "One integration with its settings; secrets are always masked as ••••••",
    examples: [
      {
        ...GUIDE_INTEGRATION,
        webhook_verify_token: "your_custom_verify_token",
        api_key: "abc123def456",
        api_secret: "••••••",
        access_token: "••••••",
        refresh_token: "••••••",
        token_expires_at: "2024-06-14T12:30:45.123Z",
        config: { page_id: "123456789012345", verify_token: "your_verification_token" },
        status: {
          needs_reauth: false,
          token_state: "valid",
          last_refreshed_at: "2023-06-14T12:30:45.123Z",
          last_checked_at: null,
          last_check_ok: null,
          last_check_error: null,
        },
        messenger: {
          last_event_at: null,
          has_unverified_events: false,
          app_secret_source: "integration",
          subscription: { status: "subscribed", error: null, checked_at: "2023-06-14T12:31:02.000Z" },
        },
      },
    ],
  },
);
export type TIntegrationDetail = z.infer<typeof ZIntegrationDetail>;

export const ZIntegrationListResponse = named(z.strictObject({ integrations: z.array(ZIntegrationListItem) }), {
  id: "IntegrationList",
});
export const ZIntegrationResponse = named(z.strictObject({ integration: ZIntegrationDetail }), {
  id: "IntegrationResponse",
});
export const ZIntegrationChangeResponse = named(
  z.strictObject({ message: z.string(), integration: ZIntegrationDetail }),
  {
    id: "IntegrationChange",
    description: "The integration after a create, update or toggle, with a sentence about it",
  },
);

export const ZTestConnectionResult = named(
  z.union([
    z.strictObject({ ok: z.literal(true), details: z.record(z.string(), z.unknown()) }),
    z.strictObject({ ok: z.literal(false), error: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  ]),
  {
    id: "TestConnectionResult",
    description: "The provider's answer to one authenticated call; a refusal is ok: false with a sentence",
  },
);
export type TTestConnectionResult = z.infer<typeof ZTestConnectionResult>;

export const ZResubscribeResult = named(
  z.union([
    z.strictObject({ ok: z.literal(true), subscription: ZPageSubscription }),
    z.strictObject({ ok: z.literal(false), error: z.string(), subscription: ZPageSubscription }),
  ]),
  { id: "ResubscribeResult", description: "Meta's verdict on subscribing the Page again" },
);
export type TResubscribeResult = z.infer<typeof ZResubscribeResult>;

export const ZAttentionCount = named(z.strictObject({ count: z.number().int().min(0) }), {
  id: "AttentionCount",
  description: "How many active integrations need someone to act (what the list's attention=1 shows)",
});
export type TAttentionCount = z.infer<typeof ZAttentionCount>;
