// What the JSON API answers, as the UI reads it (the server's serializers are the source of truth).
import type { TIntegrationType } from "@/lib/validations/integration-config";

export type TRole = "owner" | "admin" | "viewer";

export type TIntegrationListItem = {
  id: string;
  org_id: string;
  integration_type: TIntegrationType;
  name: string;
  is_active: boolean;
  api_base_url: string | null;
  webhook_url: string | null;
  created_at: string;
  updated_at: string;
};

export type TIntegrationDetail = TIntegrationListItem & {
  webhook_verify_token: string | null;
  api_key: string | null;
  api_secret: string | null;
  access_token: string | null;
  refresh_token: string | null;
  token_expires_at: string | null;
  config: Record<string, unknown>;
  status?: {
    needs_reauth: boolean;
    last_checked_at: string | null;
    last_check_ok: boolean | null;
    last_check_error: string | null;
  };
  /** Webhook health of a Facebook integration (null for other types, absent on older servers). */
  messenger?: {
    last_event_at: string | null;
    has_unverified_events: boolean;
    /** Where the App Secret that checks webhook signatures comes from (never the secret); absent on older servers. */
    app_secret_source?: "integration" | "server" | null;
  } | null;
};

export type TMessengerMessage = {
  id: string;
  mid: string | null;
  direction: "inbound" | "outbound";
  kind?: string;
  sender_id: string;
  recipient_id: string;
  psid?: string;
  text: string | null;
  attachments: unknown[];
  postback: { title: string | null; payload: string | null } | null;
  status: string | null;
  is_verified?: boolean;
  timestamp: string;
  created_at: string;
};

export type TConversation = {
  psid: string;
  messages_count: number;
  last_message_at: string;
  last_message: TMessengerMessage;
};

export type TTestConnectionResult = { ok: true; details: Record<string, unknown> } | { ok: false; error: string };

export type TApiKey = {
  id: string;
  org_id: string;
  name: string;
  role: TRole;
  prefix: string;
  created_by:
    | { type: "user"; id: string; email: string | null }
    | { type: "api_key"; id: string; name: string | null; prefix: string | null }
    | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
};

export type TOrgMembership = { id: string; name: string; role: TRole };
