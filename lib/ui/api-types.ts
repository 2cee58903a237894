// What the JSON API answers, as the UI reads it (the server's serializers are the source of truth).
import type { TIntegrationType } from "@/lib/providers/integration-types";

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
  /** Absent on older servers. */
  status?: { needs_reauth: boolean; token_state: TTokenState };
};

export type TTokenState = "valid" | "expiring" | "refreshing" | "needs_reauth" | "no_expiry";

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
    token_state?: TTokenState;
    last_refreshed_at?: string | null;
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
    /** Whether the Page is subscribed to the app's webhook (absent on older servers). */
    subscription?: TPageSubscription;
  } | null;
};

/** null status: the integration never asked for a subscription (inactive, or no Page ID). */
export type TPageSubscription = {
  status: "pending" | "subscribed" | "failed" | "unsubscribed" | null;
  error: string | null;
  checked_at: string | null;
};

export type TResubscribeResult = { ok: boolean; error?: string; subscription: TPageSubscription };

/** A file of a message (lib/messenger/attachments/attachment-json.ts): `url` (this server's) only once it is stored. */
export type TMessengerAttachment = {
  id: string | null;
  type: string;
  status: "pending" | "stored" | "unavailable";
  url: string | null;
  mime_type: string | null;
  size: number | null;
  name: string | null;
  error: string | null;
  link: string | null;
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
  attachments: TMessengerAttachment[];
  postback: { title: string | null; payload: string | null } | null;
  quick_reply_payload?: string | null;
  referral?: { ref?: string; source?: string; type?: string; ad_id?: string; ads_context_data?: { ad_title?: string } } | null;
  /** The person's reaction to this message (an emoji). */
  reaction?: string | null;
  status: string | null;
  /** Outbound: "app" (sent here) or "elsewhere" (Meta's Page inbox, another app); how it went out and why it failed. */
  origin?: "app" | "elsewhere" | null;
  messaging_type?: string | null;
  tag?: string | null;
  error_code?: number | null;
  error_subcode?: number | null;
  error_message?: string | null;
  attempts?: number;
  is_verified?: boolean;
  timestamp: string;
  created_at: string;
};

export type TConversation = {
  psid: string;
  messages_count: number;
  last_message_at: string;
  /** null only when retention removed it. */
  last_message: TMessengerMessage | null;
  /** Inbound messages since the team last marked the conversation read. */
  unread_count: number;
  /** From Meta's profile (null when refused or not fetched yet: show "Facebook user …1234", never the bare id). */
  name: string | null;
  avatar_url: string | null;
  /** 24 hours after the person's last message or reaction; null when they never wrote. */
  window_closes_at: string | null;
  /** Another app owns the thread (handover protocol). */
  is_in_standby: boolean;
};

export type TConversationPage = { conversations: TConversation[]; next_before: string | null };

export type TTestConnectionResult = { ok: true; details: Record<string, unknown> } | { ok: false; error: string; details?: Record<string, unknown> };

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
