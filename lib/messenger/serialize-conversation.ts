// The only way a conversation (one person's thread with the Page) leaves the server: the conversation row plus its
// last message, avatar state and messaging window. Two queries for a whole page of rows, none per row.
import type { MessengerConversation, Prisma } from "@/lib/generated/prisma/client";
import type { TConversation } from "@/lib/validations/messenger-response";
import { ATTACHMENT_SUMMARIES, attachmentPath } from "./attachments/attachment-json";
import { STANDARD_WINDOW_MS } from "./messaging-window";
import { toMessengerMessageJson, type MessengerMessageRow } from "./serialize-message";

export function toConversationJson(
  row: MessengerConversation,
  lastMessage: MessengerMessageRow | null,
  avatarStatus: string | null,
): TConversation {
  return {
    psid: row.psid,
    messages_count: row.messagesCount,
    last_message_at: row.lastMessageAt?.toISOString() ?? null,
    last_message: lastMessage ? toMessengerMessageJson(lastMessage) : null,
    unread_count: row.unreadCount,
    name: row.name,
    // Only once the bytes are kept here: a pending or expired picture is no picture (the UI shows initials).
    avatar_url:
      row.avatarAttachmentId && avatarStatus === "stored"
        ? attachmentPath(row.integrationId, row.avatarAttachmentId)
        : null,
    // Meta's standard 24-hour window runs from the person's last message or reaction.
    window_closes_at: row.lastInboundAt
      ? new Date(row.lastInboundAt.getTime() + STANDARD_WINDOW_MS).toISOString()
      : null,
    is_in_standby: row.isInStandby,
  };
}

export type ConversationJson = TConversation;

/** The JSON of these conversation rows, in their order. */
export async function conversationsJson(
  client: Prisma.TransactionClient,
  rows: MessengerConversation[],
): Promise<ConversationJson[]> {
  const messageIds = rows.flatMap((row) => (row.lastMessageId ? [row.lastMessageId] : []));
  const avatarIds = rows.flatMap((row) => (row.avatarAttachmentId ? [row.avatarAttachmentId] : []));
  const [messages, avatars] = await Promise.all([
    messageIds.length
      ? client.messengerMessage.findMany({ where: { id: { in: messageIds } }, include: ATTACHMENT_SUMMARIES })
      : [],
    avatarIds.length
      ? client.messengerAttachment.findMany({ where: { id: { in: avatarIds } }, select: { id: true, status: true } })
      : [],
  ]);
  const messageById = new Map(messages.map((message) => [message.id, message]));
  const avatarStatus = new Map(avatars.map((avatar) => [avatar.id, avatar.status]));
  return rows.map((row) =>
    toConversationJson(
      row,
      (row.lastMessageId && messageById.get(row.lastMessageId)) || null,
      (row.avatarAttachmentId && avatarStatus.get(row.avatarAttachmentId)) || null,
    ),
  );
}
