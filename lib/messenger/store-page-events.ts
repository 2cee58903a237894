// Writes one Page's events inside the caller's transaction, in a few batched statements whatever the batch size.
// Each step is one call below, so later steps (attachment rows, echo matching, …) are added as one line each.
import type { MessengerMessage, Prisma } from "@/lib/generated/prisma/client";
import { queueAttachmentDownloads } from "./attachments/queue-downloads";
import { recordChangedMessages, recordNewMessages, type NewMessage } from "./inbox-changes";
import { applyReceipts, refreshOutboundStatuses } from "./message-status";
import { matchOwnEchoes } from "./match-echoes";
import { applyReactions } from "./message-reactions";
import { enqueueProfileFetches } from "./people/enqueue-profile-fetches";
import { applyThreadOwnership } from "./thread-ownership";
import type { IncomingMessage, PageEvents } from "./webhook-events";

type Tx = Prisma.TransactionClient;

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
    quickReplyPayload: message.quickReplyPayload ?? null,
    referral: (message.referral ?? undefined) as Prisma.InputJsonValue | undefined,
    status: message.direction === "outbound" ? ("sent" as const) : ("received" as const),
    // Echoes of this app's own replies never get here (match-echoes.ts): an outbound row from Meta was sent elsewhere.
    origin: message.direction === "outbound" ? "elsewhere" : null,
    isVerified,
    timestamp: message.timestamp,
  };
}

/** What the conversation rows need to know about a stored message. */
export function toNewMessage(row: MessengerMessage): NewMessage {
  return {
    id: row.id,
    psid: row.psid,
    direction: row.direction,
    timestamp: row.timestamp,
    text: row.text,
    hasAttachments: row.attachments !== null,
    // Whatever the person sent (message, postback, referral) opens the window; echoes are the Page's own.
    isPersonActivity: row.direction === "inbound",
  };
}

/** The rows this delivery really added: redelivered mids are skipped by the unique key (ON CONFLICT DO NOTHING). */
async function insertMessages(tx: Tx, integrationId: string, messages: IncomingMessage[], isVerified: boolean): Promise<MessengerMessage[]> {
  const firstByMid = new Map<string, IncomingMessage>();
  for (const message of messages) if (!firstByMid.has(message.mid)) firstByMid.set(message.mid, message);
  const rows = [...firstByMid.values()].map((message) => toMessageRow(integrationId, message, isVerified));
  return rows.length ? tx.messengerMessage.createManyAndReturn({ data: rows, skipDuplicates: true }) : [];
}

/** Returns how many messages were new. */
export async function storePageEvents(tx: Tx, integrationId: string, events: PageEvents, isVerified: boolean): Promise<number> {
  // Echoes of our own replies complete them — only from signed deliveries: an unsigned test post must not turn a
  // failed reply into "sent" by naming its id.
  if (isVerified) events.messages = await matchOwnEchoes(tx, integrationId, events.messages);
  const inserted = await insertMessages(tx, integrationId, events.messages, isVerified);
  await recordNewMessages(tx, integrationId, inserted.map(toNewMessage));
  await enqueueProfileFetches(tx, integrationId, inserted.map((row) => row.psid));
  await queueAttachmentDownloads(tx, integrationId, inserted);

  const touchedPsids = [...events.receipts.map((receipt) => receipt.psid), ...inserted.filter((row) => row.direction === "outbound").map((row) => row.psid)];
  const changedIds = [
    ...(await applyReceipts(tx, integrationId, events.receipts)),
    ...(await refreshOutboundStatuses(tx, integrationId, touchedPsids)),
    ...(await applyReactions(tx, integrationId, events.reactions)),
  ];
  // New rows were already announced by recordNewMessages, with whatever status they have at commit.
  const insertedIds = new Set(inserted.map((row) => row.id));
  await recordChangedMessages(tx, integrationId, changedIds.filter((id) => !insertedIds.has(id)));

  await applyThreadOwnership(tx, integrationId, events.ownership);
  return inserted.length;
}
