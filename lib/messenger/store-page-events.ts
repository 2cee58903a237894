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
import type { IncomingMessage, PageEvents } from "./page-events";

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
export function toNewMessage(row: InsertedMessage): NewMessage {
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

/** What later steps need of an inserted row (the RETURNING list below). */
export type InsertedMessage = Pick<
  MessengerMessage,
  "id" | "psid" | "direction" | "timestamp" | "text" | "attachments" | "isVerified"
>;

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * The rows this delivery really added: redelivered mids are skipped by the unique key (ON CONFLICT DO NOTHING).
 * One `INSERT … SELECT FROM unnest(…)` rather than Prisma's createManyAndReturn, which compiled a new query plan per
 * call: 28–30 ms of CPU per 100 rows against ≈ 2 ms here — more than half of the webhook's CPU (docs/performance.md).
 * Rows go in sorted by mid, so two deliveries carrying the same mids in another order wait on each other instead of
 * deadlocking.
 */
async function insertMessages(
  tx: Tx,
  integrationId: string,
  messages: IncomingMessage[],
  isVerified: boolean,
): Promise<InsertedMessage[]> {
  const firstByMid = new Map<string, IncomingMessage>();
  for (const message of messages) if (!firstByMid.has(message.mid)) firstByMid.set(message.mid, message);
  if (!firstByMid.size) return [];
  const rows = [...firstByMid.values()]
    .sort((a, b) => (a.mid < b.mid ? -1 : a.mid > b.mid ? 1 : 0))
    .map((message) => toMessageRow(integrationId, message, isVerified));
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  return tx.$queryRaw<InsertedMessage[]>`
    INSERT INTO messenger_messages (id, integration_id, mid, direction, kind, sender_id, recipient_id, psid, text, attachments,
      postback, quick_reply_payload, referral, status, origin, is_verified, timestamp)
    SELECT gen_random_uuid(), ${integrationId}::uuid, t.mid, t.direction::"MessageDirection", t.kind, t.sender_id, t.recipient_id, t.psid,
      t.text, t.attachments::jsonb, t.postback::jsonb, t.quick_reply_payload, t.referral::jsonb, t.status::"MessageStatus", t.origin,
      ${isVerified}, t.at
    FROM unnest(${column((r) => r.mid)}::text[], ${column((r) => r.direction)}::text[], ${column((r) => r.kind)}::text[],
      ${column((r) => r.senderId)}::text[], ${column((r) => r.recipientId)}::text[], ${column((r) => r.psid)}::text[],
      ${column((r) => r.text ?? null)}::text[], ${column((r) => json(r.attachments))}::text[], ${column((r) => json(r.postback))}::text[],
      ${column((r) => r.quickReplyPayload)}::text[], ${column((r) => json(r.referral))}::text[], ${column((r) => r.status)}::text[],
      ${column((r) => r.origin)}::text[], ${column((r) => r.timestamp.toISOString())}::timestamptz[])
      AS t(mid, direction, kind, sender_id, recipient_id, psid, text, attachments, postback, quick_reply_payload, referral, status, origin, at)
    ON CONFLICT (integration_id, mid) DO NOTHING
    RETURNING id, psid, direction, timestamp, text, attachments, is_verified AS "isVerified"`;
}

/** Returns how many messages were new. */
export async function storePageEvents(
  tx: Tx,
  integrationId: string,
  events: PageEvents,
  isVerified: boolean,
): Promise<number> {
  // Echoes of our own replies complete them — only from signed deliveries: an unsigned test post must not turn a
  // failed reply into "sent" by naming its id.
  if (isVerified) events.messages = await matchOwnEchoes(tx, integrationId, events.messages);
  const inserted = await insertMessages(tx, integrationId, events.messages, isVerified);
  await recordNewMessages(tx, integrationId, inserted.map(toNewMessage));
  await enqueueProfileFetches(
    tx,
    integrationId,
    inserted.map((row) => row.psid),
  );
  await queueAttachmentDownloads(tx, integrationId, inserted);

  const touchedPsids = [
    ...events.receipts.map((receipt) => receipt.psid),
    ...inserted.filter((row) => row.direction === "outbound").map((row) => row.psid),
  ];
  const changedIds = [
    ...(await applyReceipts(tx, integrationId, events.receipts)),
    ...(await refreshOutboundStatuses(tx, integrationId, touchedPsids)),
    ...(await applyReactions(tx, integrationId, events.reactions)),
  ];
  // New rows were already announced by recordNewMessages, with whatever status they have at commit.
  const insertedIds = new Set(inserted.map((row) => row.id));
  await recordChangedMessages(
    tx,
    integrationId,
    changedIds.filter((id) => !insertedIds.has(id)),
  );

  await applyThreadOwnership(tx, integrationId, events.ownership);
  return inserted.length;
}
