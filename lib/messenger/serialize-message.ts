// The only way a stored Messenger message leaves the server.
import type { MessengerMessage } from "@/lib/generated/prisma/client";
import type { TMessengerMessage } from "@/lib/validations/messenger-response";
import { attachmentsJson, type AttachmentSummary } from "./attachments/attachment-json";

export type MessengerMessageJson = TMessengerMessage;

// Load rows with `include: ATTACHMENT_SUMMARIES` (./attachments/attachment-json): the kept attachments, without bytes.
export type MessengerMessageRow = MessengerMessage & { storedAttachments: AttachmentSummary[] };

export function toMessengerMessageJson(row: MessengerMessageRow): TMessengerMessage {
  return {
    id: row.id,
    mid: row.mid,
    direction: row.direction,
    kind: row.kind,
    sender_id: row.senderId,
    recipient_id: row.recipientId,
    psid: row.psid,
    text: row.text,
    attachments: attachmentsJson(row),
    postback: (row.postback ?? null) as { title: string | null; payload: string | null } | null,
    // The payload of the quick-reply button the person tapped; how they came (m.me link, ad); their reaction to it.
    quick_reply_payload: row.quickReplyPayload,
    referral: (row.referral ?? null) as { ref?: string; source?: string; type?: string; [key: string]: unknown } | null,
    reaction: row.reaction,
    status: row.status,
    // Outbound: "app" (sent here) or "elsewhere" (Meta's Page inbox, another app); how it went out, and why it failed
    // (Meta's code and subcode, and a sentence), or, while pending, when it is retried.
    origin: row.origin,
    messaging_type: row.messagingType,
    tag: row.tag,
    error_code: row.errorCode,
    error_subcode: row.errorSubcode,
    error_message: row.errorMessage,
    attempts: row.attempts,
    is_verified: row.isVerified,
    timestamp: row.timestamp.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}
