// Response shapes of the Messenger inbox API: what the serializers (lib/messenger/serialize-*.ts) are typed by, what
// /openapi.json and the typed client describe, and what the UI reads.
import { z } from "zod";
import { named, pageOf, ZIsoDateTime } from "./api-schemas";

export const ZMessengerAttachment = named(
  z.strictObject({
    id: z.uuid().nullable(),
    type: z.string(),
    status: z.enum(["pending", "stored", "unavailable"]),
    url: z.string().nullable().describe("This server's path to the bytes, once they are kept"),
    mime_type: z.string().nullable(),
    size: z.number().int().nullable(),
    name: z.string().nullable(),
    error: z.string().nullable().describe("Why there is no file (unavailable only)"),
    link: z.string().nullable().describe("What a shared link (fallback) points to; null for files"),
  }),
  { id: "MessengerAttachment", description: "A file of a message; Meta's expiring CDN link is never shown" },
);
export type TMessengerAttachment = z.infer<typeof ZMessengerAttachment>;

export const ZMessengerMessage = named(
  z.strictObject({
    id: z.uuid(),
    mid: z.string(),
    direction: z.enum(["inbound", "outbound"]),
    kind: z.string(),
    sender_id: z.string(),
    recipient_id: z.string(),
    psid: z.string(),
    text: z.string().nullable(),
    attachments: z.array(ZMessengerAttachment),
    postback: z.strictObject({ title: z.string().nullable(), payload: z.string().nullable() }).nullable(),
    quick_reply_payload: z.string().nullable(),
    // As Meta sent it (kept loose: Meta adds fields), with the ones the inbox shows.
    referral: z
      .looseObject({
        ref: z.string().optional(),
        source: z.string().optional(),
        type: z.string().optional(),
        ad_id: z.string().optional(),
        ads_context_data: z.looseObject({ ad_title: z.string().optional() }).optional(),
      })
      .nullable(),
    reaction: z.string().nullable(),
    status: z.enum(["pending", "received", "sent", "delivered", "read", "failed"]),
    origin: z
      .string()
      .nullable()
      .describe('Outbound: "app" (sent here) or "elsewhere" (Meta\'s Page inbox, another app)'),
    messaging_type: z.string().nullable(),
    tag: z.string().nullable(),
    error_code: z.number().int().nullable(),
    error_subcode: z.number().int().nullable(),
    error_message: z.string().nullable(),
    attempts: z.number().int(),
    is_verified: z.boolean(),
    timestamp: ZIsoDateTime,
    created_at: ZIsoDateTime,
  }),
  { id: "MessengerMessage", description: "One message of a Page's inbox, either way" },
);
export type TMessengerMessage = z.infer<typeof ZMessengerMessage>;

export const ZMessagePage = pageOf("messages", ZMessengerMessage, "MessagePage");
export type TMessagePage = z.infer<typeof ZMessagePage>;

export const ZSentMessage = named(
  ZMessengerMessage.extend({ message_id: z.string().nullable().describe("Meta's id, once Meta took the message") }),
  { id: "SentMessage" },
);

export type TSentMessage = z.infer<typeof ZSentMessage>;

export const ZSendResult = named(
  z.strictObject({ message: z.string(), sent: ZSentMessage, messages: z.array(ZSentMessage).optional() }),
  {
    id: "SendResult",
    description:
      "The reply as stored: sent, failed (error_code, error_message) or pending (retried); a text and a file list both in `messages`",
  },
);
export type TSendResult = z.infer<typeof ZSendResult>;

export const ZConversation = named(
  z.strictObject({
    psid: z.string(),
    messages_count: z.number().int(),
    last_message_at: ZIsoDateTime.nullable(),
    last_message: ZMessengerMessage.nullable().describe("null only when retention removed it"),
    unread_count: z.number().int(),
    name: z.string().nullable().describe("From Meta's profile; null when refused or not fetched yet"),
    avatar_url: z.string().nullable(),
    window_closes_at: ZIsoDateTime.nullable().describe("24 hours after the person's last message or reaction"),
    is_in_standby: z.boolean().describe("Another app owns the thread (handover protocol)"),
  }),
  { id: "Conversation", description: "One person's thread with the Page" },
);
export type TConversation = z.infer<typeof ZConversation>;

export const ZConversationPage = pageOf(
  "conversations",
  ZConversation,
  "ConversationPage",
  "Most recently active first",
);
export type TConversationPage = z.infer<typeof ZConversationPage>;

export const ZConversationResponse = named(z.strictObject({ conversation: ZConversation }), {
  id: "ConversationResponse",
});
export type TConversationResponse = z.infer<typeof ZConversationResponse>;

export const ZWebhookDelivery = named(
  z.strictObject({
    id: z.uuid(),
    received_at: ZIsoDateTime,
    is_verified: z.boolean(),
    events_count: z.number().int(),
    stored_count: z.number().int(),
    outcome: z.enum(["stored", "ignored_inactive", "rejected_signature", "failed", "job_failed"]),
    unknown_events: z.unknown().describe("Events this app does not handle, as Meta sent them"),
    detail: z.string().nullable(),
  }),
  { id: "WebhookDelivery", description: "One delivery from Meta and what became of it" },
);

export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookLogResponse = named(z.strictObject({ deliveries: z.array(ZWebhookDelivery) }), {
  id: "WebhookLog",
});
