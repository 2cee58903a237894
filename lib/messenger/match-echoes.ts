// Meta echoes every message the Page sends (message_echoes). An echo of a reply sent through this app is the same
// message, whether it arrives before Meta answered our Send API call (the row still has its local mid) or after: it
// completes that row (Meta's mid, "sent") and is never stored again. Echoes that are not ours (a reply from Meta's
// Page inbox or another app) are stored by the caller as outbound messages sent elsewhere.
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordChangedMessages } from "./inbox-changes";
import { refreshOutboundStatuses } from "./message-status";
import { messageIdFromEchoMetadata } from "./send/echo-metadata";

type Echo = { mid: string; direction: "inbound" | "outbound"; psid: string; echoMetadata?: string | null };

/** Returns the messages still to store: everything but the echoes of this app's own replies. */
export async function matchOwnEchoes<M extends Echo>(
  tx: Prisma.TransactionClient,
  integrationId: string,
  messages: M[],
): Promise<M[]> {
  const ownEchoes = new Map<string, M>();
  for (const message of messages) {
    const messageId = message.direction === "outbound" ? messageIdFromEchoMetadata(message.echoMetadata) : null;
    if (messageId) ownEchoes.set(messageId, message);
  }
  if (!ownEchoes.size) return messages;
  const replies = await tx.messengerMessage.findMany({
    where: { integrationId, id: { in: [...ownEchoes.keys()] }, direction: "outbound", origin: "app" },
    select: { id: true, mid: true, psid: true, status: true },
  });
  const matched = new Set<M>();
  const changedIds: string[] = [];
  for (const reply of replies) {
    const echo = ownEchoes.get(reply.id)!;
    if (echo.psid !== reply.psid) continue; // metadata naming a reply to someone else: not an echo of it
    matched.add(echo);
    const isUnconfirmed = reply.status === "pending" || reply.status === "failed";
    if (reply.mid === echo.mid && !isUnconfirmed) continue; // Meta's answer came first: nothing left to learn
    // The echo proves Meta sent it, even when our call timed out and the reply was marked failed.
    const isMidFree =
      reply.mid === echo.mid ||
      !(await tx.messengerMessage.findUnique({
        where: { integrationId_mid: { integrationId, mid: echo.mid } },
        select: { id: true },
      }));
    await tx.messengerMessage.update({
      where: { id: reply.id },
      data: {
        ...(isMidFree ? { mid: echo.mid } : {}),
        ...(isUnconfirmed ? { status: "sent", errorCode: null, errorSubcode: null, errorMessage: null } : {}),
      },
    });
    changedIds.push(reply.id);
  }
  if (changedIds.length) {
    // Receipts may have arrived before the reply was confirmed: it takes its status from the watermarks now.
    await refreshOutboundStatuses(tx, integrationId, [...new Set(replies.map((reply) => reply.psid))]);
    await recordChangedMessages(tx, integrationId, changedIds);
  }
  return messages.filter((message) => !matched.has(message));
}
