// Shapes at the Messenger edges: Meta's webhook (query and payload), and our inbox API (list, send).
import { z } from "zod";
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

export const ZMessageEvent = z.object({
  ...eventBase,
  message: z.object({
    mid: z.string().min(1).max(512),
    text: z.string().optional(),
    attachments: z.array(z.unknown()).optional(),
    is_echo: z.boolean().optional(),
  }),
});

export const ZPostbackEvent = z.object({
  ...eventBase,
  postback: z.object({
    mid: z.string().min(1).max(512).optional(),
    title: z.string().optional(),
    payload: z.string().optional(),
  }),
});

export const ZDeliveryEvent = z.object({
  ...eventBase,
  delivery: z.object({ mids: z.array(z.string()).optional(), watermark: z.number() }),
});

export const ZReadEvent = z.object({ ...eventBase, read: z.object({ watermark: z.number() }) });

// Our inbox API.
export const ZSendMessage = z.strictObject({
  recipient_id: z.string({ error: "recipient_id is required" }).trim().regex(/^\d{1,64}$/, "recipient_id must be a numeric page-scoped ID (PSID)"),
  text: z
    .string({ error: "text is required" })
    .max(MAX_MESSAGE_TEXT, `text must be at most ${MAX_MESSAGE_TEXT} characters`)
    .refine((text) => text.trim().length > 0, "text must not be empty"),
});
export type TSendMessage = z.infer<typeof ZSendMessage>;


export const ZListMessagesQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
  before: ZKeysetCursor.optional(),
  psid: z.string().regex(/^\d{1,64}$/, "psid must be a numeric page-scoped ID").optional(),
});

export const ZListConversationsQuery = z.object({
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(200).default(50),
});

export const ZWebhookLogQuery = ZListConversationsQuery;
