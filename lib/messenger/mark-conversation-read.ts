// POST …/conversations/{psid}/read: the team has read this conversation. The read state is the team's, not one
// person's (one unread count per conversation, shown to everyone), so changing it needs write access like replying
// does; viewers see the counts but cannot clear them for the others.
import type { TConversationResponse } from "@/lib/validations/messenger-response";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { findMessengerIntegration } from "./find-messenger-integration";
import { recordChangedConversations } from "./inbox-changes";
import { conversationsJson } from "./serialize-conversation";

export async function markConversationRead(options: {
  actor: Actor;
  integrationId: string;
  psid: string;
}): Promise<TConversationResponse> {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "write");
  const where = { integrationId: integration.id, psid: options.psid, lastMessageAt: { not: null } };
  return db().$transaction(async (tx) => {
    const now = new Date();
    // Messages that arrive later count as unread again, unless Meta stamped them before this moment.
    const { count } = await tx.messengerConversation.updateMany({
      where,
      data: { unreadCount: 0, lastReadAt: now, updatedAt: now },
    });
    if (!count) throw notFound("Conversation");
    await recordChangedConversations(tx, integration.id, [options.psid]);
    const row = await tx.messengerConversation.findUniqueOrThrow({
      where: { integrationId_psid: { integrationId: integration.id, psid: options.psid } },
    });
    const [conversation] = await conversationsJson(tx, [row]);
    return { conversation };
  });
}
