// Stored messages without going through Meta: rows inserted and recorded with recordNewMessages in one transaction,
// exactly as the webhook and the Send API keep conversation rows, at whatever times a test needs (months ago).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { recordNewMessages } from "@/lib/messenger/inbox-changes";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

export type SeedMessage = {
  psid: string;
  direction?: "inbound" | "outbound";
  at: Date;
  text?: string;
  withAttachment?: boolean;
};

export async function seedMessages(integrationId: string, pageId: string, messages: SeedMessage[]) {
  const byMid = new Map(messages.map((message) => [`m_${randomUUID().replaceAll("-", "")}`, message]));
  return db().$transaction(async (tx) => {
    const rows = await tx.messengerMessage.createManyAndReturn({
      data: [...byMid.entries()].map(([mid, message]) => {
        const isInbound = (message.direction ?? "inbound") === "inbound";
        return {
          integrationId,
          mid,
          direction: isInbound ? ("inbound" as const) : ("outbound" as const),
          kind: "message",
          senderId: isInbound ? message.psid : pageId,
          recipientId: isInbound ? pageId : message.psid,
          psid: message.psid,
          text: message.text ?? `hello at ${message.at.toISOString()}`,
          status: isInbound ? ("received" as const) : ("sent" as const),
          timestamp: message.at,
        };
      }),
      skipDuplicates: true,
    });
    for (const row of rows) {
      if (!byMid.get(row.mid)?.withAttachment) continue;
      await tx.messengerAttachment.create({
        data: {
          integrationId,
          messageId: row.id,
          type: "image",
          status: "stored",
          mimeType: "image/png",
          size: 4,
          data: Buffer.from("\x89PNG"),
        },
      });
    }
    await recordNewMessages(
      tx,
      integrationId,
      rows.map((row) => ({
        id: row.id,
        psid: row.psid,
        direction: row.direction,
        timestamp: row.timestamp,
        text: row.text,
        hasAttachments: false,
        isPersonActivity: row.direction === "inbound",
      })),
    );
    return rows;
  });
}

/** What the conversation row says next to what the messages say: the two must agree. */
export async function conversationState(integrationId: string, psid: string) {
  const conversation = await db().messengerConversation.findUnique({
    where: { integrationId_psid: { integrationId, psid } },
  });
  const messages = await db().messengerMessage.findMany({
    where: { integrationId, psid },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
  });
  return { conversation, messages, newest: messages[0] ?? null };
}
