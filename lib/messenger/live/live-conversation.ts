// The conversation JSON sent on the live stream: the same fields as an item of GET …/conversations.
import type { MessengerConversation } from "@/lib/generated/prisma/client";

const WINDOW_MS = 24 * 60 * 60 * 1000;

export function toLiveConversationJson(integrationId: string, row: MessengerConversation) {
  return {
    psid: row.psid,
    name: row.name,
    avatar_url: row.avatarAttachmentId ? `/organization-integration/${integrationId}/attachments/${row.avatarAttachmentId}` : null,
    messages_count: row.messagesCount,
    unread_count: row.unreadCount,
    last_message_at: row.lastMessageAt?.toISOString() ?? null,
    last_message_preview: row.lastMessagePreview,
    last_message_direction: row.lastMessageDirection,
    window_closes_at: row.lastInboundAt ? new Date(row.lastInboundAt.getTime() + WINDOW_MS).toISOString() : null,
    is_in_standby: row.isInStandby,
  };
}
