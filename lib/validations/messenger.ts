// Shapes at the Messenger edges: Meta's webhook (query and payload), and our inbox API (list, send).
import { z } from "zod";
import { ZStorableDateTime } from "./date-time";
import { ZKeysetCursor } from "./keyset-cursor";

/** Meta's Send API refuses longer texts; we refuse them first with a clear 400. */
export const MAX_MESSAGE_TEXT = 2000;

export const ZWebhookOrgQuery = z.object({
  org_id: z.uuid({ error: "org_id is required and must be a valid UUID" }),
});

export const ZWebhookVerifyQuery = ZWebhookOrgQuery.extend({
  "hub.mode": z.literal("subscribe"),
  "hub.verify_token": z.string().min(1).max(256),
  "hub.challenge": z.string().min(1).max(1024),
});

// Meta's payload: only the envelope is strict; each event is parsed on its own so one odd event never drops the batch.
const metaId = z.union([z.string(), z.number()]).transform(String);

export const ZWebhookPayload = z.object({
  object: z.string(),
  entry: z
    .array(
      // Loose: keys beyond `messaging` (standby, changes…) are kept so they can be logged as unknown events.
      z.looseObject({
        id: metaId,
        time: z.number().optional(),
        messaging: z.array(z.unknown()).optional(),
      }),
    )
    .max(5000),
});
export type TWebhookPayload = z.infer<typeof ZWebhookPayload>;

const party = z.object({ id: metaId });
const eventBase = { sender: party, recipient: party, timestamp: z.number().optional() };

// How a person came to the conversation (m.me link, ad, …): kept as Meta sends it, with the three fields we read.
const ZReferral = z.looseObject({
  ref: z.string().optional(),
  source: z.string().optional(),
  type: z.string().optional(),
});

export const ZMessageEvent = z.object({
  ...eventBase,
  message: z.object({
    mid: z.string().min(1).max(512),
    text: z.string().optional(),
    attachments: z.array(z.unknown()).optional(),
    is_echo: z.boolean().optional(),
    // Echoes: the Send API `metadata` of the app that sent it (ours names our message row; see match-echoes.ts).
    metadata: z.string().max(1000).optional(),
    quick_reply: z.object({ payload: z.string() }).optional(),
    referral: ZReferral.optional(),
  }),
  // A referral that came with a message (ad click, product): Meta's examples put it inside `message` or beside it.
  referral: ZReferral.optional(),
});

export const ZPostbackEvent = z.object({
  ...eventBase,
  postback: z.object({
    mid: z.string().min(1).max(512).optional(),
    title: z.string().optional(),
    payload: z.string().optional(),
    referral: ZReferral.optional(),
  }),
});

export const ZReactionEvent = z.object({
  ...eventBase,
  reaction: z.object({
    mid: z.string().min(1).max(512),
    action: z.enum(["react", "unreact"]),
    emoji: z.string().max(64).optional(),
    reaction: z.string().max(64).optional(),
  }),
});

/** A person came back to an existing thread through an m.me link or an ad, without writing (yet). */
export const ZReferralEvent = z.object({ ...eventBase, referral: ZReferral });

export const ZDeliveryEvent = z.object({
  ...eventBase,
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: z.number() }),
});

export const ZReadEvent = z.object({ ...eventBase, read: z.object({ watermark: z.number() }) });

// Our inbox API.
const ZRecipientId = z
  .string({ error: "recipient_id is required" })
  .trim()
  .regex(/^\d{1,64}$/, "recipient_id must be a numeric page-scoped ID (PSID)");
const ZReplyText = z
  .string({ error: "text is required" })
  .max(MAX_MESSAGE_TEXT, `text must be at most ${MAX_MESSAGE_TEXT} characters`)
  .refine((text) => text.trim().length > 0, "text must not be empty");
// Only when a person asks: Meta allows HUMAN_AGENT for human replies (up to 7 days), never for automated ones.
const ZReplyTag = z
  .literal("HUMAN_AGENT", {
    error: "tag must be HUMAN_AGENT (a person replying after the 24-hour window), or left out",
  })
  .optional();

export const ZSendMessage = z.strictObject({ recipient_id: ZRecipientId, text: ZReplyText, tag: ZReplyTag });
export type TSendMessage = z.infer<typeof ZSendMessage>;

/** The text fields of a multipart/form-data reply (the `file` part is checked on its own). */
export const ZSendFileFields = z.strictObject({
  recipient_id: ZRecipientId,
  // An empty text field is what a form sends when nothing was typed: the file goes alone.
  text: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    ZReplyText.optional(),
  ),
  tag: ZReplyTag,
});
export type TSendFileFields = z.infer<typeof ZSendFileFields>;

// Meta's limits for uploaded files: 25 MB, images 8 MB.
export const MAX_REPLY_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_REPLY_IMAGE_BYTES = 8 * 1024 * 1024;

export type TOutboundAttachmentType = "image" | "video" | "audio" | "file";

/** Meta's attachment type for a file, from its MIME type; anything else goes as a plain file. */
export function outboundAttachmentType(mimeType: string): TOutboundAttachmentType {
  const family = mimeType.split("/")[0]?.toLowerCase();
  return family === "image" || family === "video" || family === "audio" ? family : "file";
}

/** Why this file is too large to send (a sentence for a 413 or the reply box), or null when it is not. */
export function replyFileTooLarge(file: { size: number; type: string }): string | null {
  const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;
  if (outboundAttachmentType(file.type) === "image" && file.size > MAX_REPLY_IMAGE_BYTES) {
    return `Images can be at most ${mb(MAX_REPLY_IMAGE_BYTES)} on Messenger; this one is ${(file.size / 1024 / 1024).toFixed(1)} MB`;
  }
  if (file.size > MAX_REPLY_FILE_BYTES) {
    return `Files can be at most ${mb(MAX_REPLY_FILE_BYTES)} on Messenger; this one is ${(file.size / 1024 / 1024).toFixed(1)} MB`;
  }
  return null;
}

export const ZListMessagesQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
  before: ZKeysetCursor.optional(),
  psid: z
    .string()
    .regex(/^\d{1,64}$/, "psid must be a numeric page-scoped ID")
    .optional(),
});

const ZListLimit = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
});

/** The conversation list's `before`: a previous page's `next_before`, "<date-time>~<psid>" (or a bare date-time). */
export const ZConversationCursor = z
  .string()
  .max(100)
  .transform((value, context) => {
    const [at, psid, ...rest] = value.split("~");
    const isValid =
      ZStorableDateTime.safeParse(at).success && (psid === undefined || /^\d{1,64}$/.test(psid)) && !rest.length;
    if (!isValid) {
      context.addIssue({ code: "custom", message: "before must be an ISO-8601 date-time or a next_before cursor" });
      return z.NEVER;
    }
    return { at: new Date(at!), psid: psid ?? null };
  });
export type TConversationCursor = z.infer<typeof ZConversationCursor>;

export const ZListConversationsQuery = ZListLimit.extend({ before: ZConversationCursor.optional() });

export const ZPsidParam = z.string().regex(/^\d{1,64}$/, "psid must be a numeric page-scoped ID");

export const ZWebhookLogQuery = ZListLimit;
