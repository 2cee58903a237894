// The only way a stored Messenger message leaves the server.
import type { MessengerMessage } from "@/lib/generated/prisma/client";

export type MessengerMessageJson = ReturnType<typeof toMessengerMessageJson>;

export function toMessengerMessageJson(row: MessengerMessage) {
  return {
    id: row.id,
    mid: row.mid,
    direction: row.direction,
    kind: row.kind,
    sender_id: row.senderId,
    recipient_id: row.recipientId,
    psid: row.psid,
    text: row.text,
    attachments: (row.attachments ?? []) as unknown[],
    postback: (row.postback ?? null) as { title: string | null; payload: string | null } | null,
    status: row.status,
    is_verified: row.isVerified,
    timestamp: row.timestamp.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}
