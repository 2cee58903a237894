// Writes one Page's events inside the caller's transaction, in a few batched statements whatever the batch size.
import type { Prisma } from "@/lib/generated/prisma/client";
import { applyReceipts, refreshOutboundStatuses } from "./message-status";
import type { IncomingMessage, PageEvents } from "./webhook-events";

export function toMessageRow(integrationId: string, message: IncomingMessage, isVerified: boolean) {
  return {
    integrationId,
    mid: message.mid,
    direction: message.direction,
    kind: message.kind,
    senderId: message.senderId,
    recipientId: message.recipientId,
    psid: message.psid,
    text: message.text,
    attachments: (message.attachments ?? undefined) as Prisma.InputJsonValue | undefined,
    postback: (message.postback ?? undefined) as Prisma.InputJsonValue | undefined,
    status: message.direction === "outbound" ? ("sent" as const) : ("received" as const),
    isVerified,
    timestamp: message.timestamp,
  };
}

/** Returns how many messages were new; redelivered mids are skipped by the unique key (ON CONFLICT DO NOTHING). */
export async function storePageEvents(
  tx: Prisma.TransactionClient,
  integrationId: string,
  events: PageEvents,
  isVerified: boolean,
): Promise<number> {
  const firstByMid = new Map<string, IncomingMessage>();
  for (const message of events.messages) if (!firstByMid.has(message.mid)) firstByMid.set(message.mid, message);
  const rows = [...firstByMid.values()].map((message) => toMessageRow(integrationId, message, isVerified));
  const { count } = rows.length ? await tx.messengerMessage.createMany({ data: rows, skipDuplicates: true }) : { count: 0 };

  await applyReceipts(tx, integrationId, events.receipts);
  const touchedPsids = [
    ...events.receipts.map((receipt) => receipt.psid),
    ...rows.filter((row) => row.direction === "outbound").map((row) => row.psid),
  ];
  await refreshOutboundStatuses(tx, integrationId, touchedPsids);
  return count;
}
