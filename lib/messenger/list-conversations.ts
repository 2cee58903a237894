import type { TConversationPage } from "@/lib/validations/messenger-response";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TConversationCursor } from "@/lib/validations/messenger";
import { findMessengerIntegration, type InboxPageRequest } from "./find-messenger-integration";
import { conversationsJson } from "./serialize-conversation";

/** Rows older than the cursor in (last_message_at desc, psid desc) order, written so the index range does the work. */
function olderThanCursor(before: TConversationCursor): Prisma.MessengerConversationWhereInput {
  if (!before.psid) return { lastMessageAt: { lt: before.at } };
  return {
    lastMessageAt: { lte: before.at },
    OR: [{ lastMessageAt: { lt: before.at } }, { psid: { lt: before.psid } }],
  };
}

/**
 * One conversation per person, most recently active first, read from the conversation rows (kept by the transactions
 * that store messages) with a keyset on (last_message_at, psid): the cost does not grow with the history.
 * Rows without a message yet (a receipt that came first) are not conversations to show.
 */
export async function listConversations(options: InboxPageRequest<TConversationCursor>): Promise<TConversationPage> {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const rows = await db().messengerConversation.findMany({
    where: {
      integrationId: integration.id,
      ...(options.before ? olderThanCursor(options.before) : { lastMessageAt: { not: null } }),
    },
    orderBy: [{ lastMessageAt: "desc" }, { psid: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    conversations: await conversationsJson(db(), page),
    next_before:
      rows.length > options.limit && last?.lastMessageAt ? `${last.lastMessageAt.toISOString()}~${last.psid}` : null,
  };
}
