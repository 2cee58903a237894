// Deletes one integration's messages older than its retention (their attachments go with them, by foreign key), in
// small batches, one short transaction each, keeping the conversation rows right: messages_count and unread_count go
// down by what was deleted, a conversation left without messages is deleted (with its profile picture), and
// last_message is recomputed only where it was deleted.
//
// It never waits for the webhook, so the two cannot deadlock, and the webhook waits at most one short batch: the
// integration row is not locked, and conversation and message rows someone else holds (a webhook storing into that
// thread, a job) are skipped with SKIP LOCKED — those people are pruned at the next run. Nor does a batch make
// Postgres lock the integration row for a foreign-key check (KEY SHARE, which waits for the webhook's FOR UPDATE while
// the webhook waits for our conversation row — both deadlocks were seen, in tests/integration/retention.test.ts and
// under load): it inserts nothing that refers to the integration (the live stream hears of the changes right after
// the batch commits), and it updates each conversation row once (updating a row again re-checks its foreign key).
import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import type { Prisma } from "@/lib/generated/prisma/client";
import { messagePreview, recordChangedConversations } from "../inbox-changes";

type Tx = Prisma.TransactionClient;

export const RETENTION_BATCH_SIZE = 500;

export type PruneMessagesResult = {
  messagesDeleted: number;
  conversationsDeleted: number;
  batches: number;
  skippedPeople: number;
};

type BatchOutcome = {
  candidates: number;
  deleted: number;
  conversationsDeleted: number;
  skippedPsids: string[];
  changedPsids: string[];
};
type DeletedMessage = { id: string; psid: string; direction: "inbound" | "outbound"; timestamp: Date };
type LockedConversation = { psid: string; last_read_at: Date | null; last_message_id: string | null };

export async function pruneIntegrationMessages(options: {
  integrationId: string;
  olderThan: Date;
  batchSize?: number;
  /** Rest between batches, so the embedded database (one session for everyone) serves others in between. */
  pauseMs?: number;
  /** Stop after this instant (epoch ms); the rest waits for the next run. */
  deadline?: number;
}): Promise<PruneMessagesResult & { isComplete: boolean }> {
  const result = { messagesDeleted: 0, conversationsDeleted: 0, batches: 0, skippedPeople: 0, isComplete: true };
  const skipped = new Set<string>();
  for (;;) {
    if (options.deadline !== undefined && Date.now() > options.deadline) return { ...result, isComplete: false };
    const batch = await db().$transaction(
      (tx) =>
        pruneBatch(tx, { ...options, batchSize: options.batchSize ?? RETENTION_BATCH_SIZE, skipped: [...skipped] }),
      {
        maxWait: 10_000,
        timeout: 30_000,
      },
    );
    if (!batch.candidates) break;
    await recordChangedConversations(db(), options.integrationId, batch.changedPsids).catch((error) =>
      logger.warn(
        { err: error, integrationId: options.integrationId },
        "retention: could not tell the live stream about pruned conversations",
      ),
    );
    result.batches += 1;
    result.messagesDeleted += batch.deleted;
    result.conversationsDeleted += batch.conversationsDeleted;
    // Every candidate was either deleted or its person is now skipped: each batch makes progress.
    for (const psid of batch.skippedPsids) skipped.add(psid);
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
  result.skippedPeople = skipped.size;
  return result;
}

async function pruneBatch(
  tx: Tx,
  options: { integrationId: string; olderThan: Date; batchSize: number; skipped: string[] },
): Promise<BatchOutcome> {
  const { integrationId } = options;
  // A lock we did not expect (an attachment a download job is writing) fails the batch quickly instead of queueing.
  await tx.$executeRawUnsafe("SET LOCAL lock_timeout = '2s'");
  const candidates = await tx.$queryRaw<{ id: string; psid: string }[]>`
    SELECT id, psid FROM messenger_messages
    WHERE integration_id = ${integrationId}::uuid AND timestamp < ${options.olderThan} AND psid <> ALL(${options.skipped}::text[])
    ORDER BY timestamp LIMIT ${options.batchSize}`;
  if (!candidates.length)
    return { candidates: 0, deleted: 0, conversationsDeleted: 0, skippedPsids: [], changedPsids: [] };
  const psids = [...new Set(candidates.map((row) => row.psid))].sort();

  // In psid order, like the webhook's upsert: the conversation rows are what serializes us with it.
  const locked = await tx.$queryRaw<LockedConversation[]>`
    SELECT psid, last_read_at, last_message_id FROM messenger_conversations
    WHERE integration_id = ${integrationId}::uuid AND psid = ANY(${psids}::text[])
    ORDER BY psid FOR UPDATE SKIP LOCKED`;
  const conversationByPsid = new Map(locked.map((row) => [row.psid, row]));
  const busy = await busyConversations(
    tx,
    integrationId,
    psids.filter((psid) => !conversationByPsid.has(psid)),
  );
  const deletable = psids.filter((psid) => !busy.has(psid));

  const deleted = await tx.$queryRaw<DeletedMessage[]>`
    DELETE FROM messenger_messages WHERE id IN (
      SELECT id FROM messenger_messages
      WHERE id = ANY(${candidates.map((row) => row.id)}::uuid[]) AND psid = ANY(${deletable}::text[])
      FOR UPDATE SKIP LOCKED)
    RETURNING id, psid, direction::text AS direction, timestamp`;
  const deletedIds = new Set(deleted.map((row) => row.id));
  const skippedPsids = [...new Set(candidates.filter((row) => !deletedIds.has(row.id)).map((row) => row.psid))];

  const touched = [...new Set(deleted.map((row) => row.psid))].filter((psid) => conversationByPsid.has(psid));
  const emptied = await deleteEmptyConversations(tx, integrationId, touched);
  const remaining = touched.filter((psid) => !emptied.includes(psid));
  const stale = remaining.filter((psid) => deletedIds.has(conversationByPsid.get(psid)!.last_message_id ?? ""));
  const newLast = await newestRemainingMessages(tx, integrationId, stale);
  const deletedByPsid = new Map<string, DeletedMessage[]>();
  for (const row of deleted) deletedByPsid.set(row.psid, [...(deletedByPsid.get(row.psid) ?? []), row]);
  await updateConversations(
    tx,
    integrationId,
    remaining.map((psid) => ({
      psid,
      ...removedCounts(deletedByPsid.get(psid) ?? [], conversationByPsid.get(psid)!),
      last: newLast.get(psid) ?? null,
    })),
  );
  return {
    candidates: candidates.length,
    deleted: deleted.length,
    conversationsDeleted: emptied.length,
    skippedPsids,
    changedPsids: remaining,
  };
}

/** Of these people (whose conversation row SKIP LOCKED did not return), those that have a row someone holds. */
async function busyConversations(tx: Tx, integrationId: string, psids: string[]): Promise<Set<string>> {
  if (!psids.length) return new Set();
  const rows = await tx.$queryRaw<{ psid: string }[]>`
    SELECT psid FROM messenger_conversations WHERE integration_id = ${integrationId}::uuid AND psid = ANY(${psids}::text[])`;
  return new Set(rows.map((row) => row.psid));
}

/** Unread = inbound after the team's last read (as inbox-changes.ts counts them), so only those come off unread_count. */
function removedCounts(own: DeletedMessage[], conversation: LockedConversation) {
  const unread = own.filter(
    (row) => row.direction === "inbound" && (!conversation.last_read_at || row.timestamp > conversation.last_read_at),
  );
  return { count: own.length, unread: unread.length };
}

/** Conversations with no message left go, and so does the profile picture kept for them. */
async function deleteEmptyConversations(tx: Tx, integrationId: string, psids: string[]): Promise<string[]> {
  if (!psids.length) return [];
  const emptied = await tx.$queryRaw<{ psid: string }[]>`
    DELETE FROM messenger_conversations c
    WHERE c.integration_id = ${integrationId}::uuid AND c.psid = ANY(${psids}::text[])
      AND NOT EXISTS (SELECT 1 FROM messenger_messages m WHERE m.integration_id = c.integration_id AND m.psid = c.psid)
    RETURNING c.psid`;
  const gone = emptied.map((row) => row.psid);
  if (gone.length) {
    await tx.$executeRaw`
      DELETE FROM messenger_attachments
      WHERE integration_id = ${integrationId}::uuid AND message_id IS NULL AND psid = ANY(${gone}::text[])`;
  }
  return gone;
}

type LastMessage = { id: string; timestamp: Date; direction: string; preview: string | null };

/** The newest remaining message (by time, then id: the order inbox-changes.ts keeps) of each of these people. */
async function newestRemainingMessages(
  tx: Tx,
  integrationId: string,
  psids: string[],
): Promise<Map<string, LastMessage>> {
  if (!psids.length) return new Map();
  const latest = await tx.$queryRaw<
    { psid: string; id: string; timestamp: Date; direction: string; text: string | null; has_attachments: boolean }[]
  >`
    SELECT DISTINCT ON (m.psid) m.psid, m.id, m.timestamp, m.direction::text AS direction, m.text,
      ((m.attachments IS NOT NULL AND jsonb_typeof(m.attachments::jsonb) <> 'null')
        OR EXISTS (SELECT 1 FROM messenger_attachments a WHERE a.message_id = m.id)) AS has_attachments
    FROM messenger_messages m
    WHERE m.integration_id = ${integrationId}::uuid AND m.psid = ANY(${psids}::text[])
    ORDER BY m.psid, m.timestamp DESC, m.id DESC`;
  return new Map(
    latest.map((row) => [
      row.psid,
      { ...row, preview: messagePreview({ text: row.text, hasAttachments: row.has_attachments }) },
    ]),
  );
}

/**
 * One UPDATE per row and batch, on purpose: updating a row this transaction already updated makes Postgres re-check
 * its foreign key, i.e. take KEY SHARE on the integration row — which waits for the webhook's FOR UPDATE while the
 * webhook waits for this row (a deadlock, seen under load).
 */
async function updateConversations(
  tx: Tx,
  integrationId: string,
  changes: { psid: string; count: number; unread: number; last: LastMessage | null }[],
) {
  if (!changes.length) return;
  const column = <T>(pick: (change: (typeof changes)[number]) => T) => changes.map(pick);
  await tx.$executeRaw`
    UPDATE messenger_conversations c SET
      messages_count = GREATEST(c.messages_count - d.count, 0),
      unread_count = GREATEST(c.unread_count - d.unread, 0),
      last_message_id = CASE WHEN d.has_last THEN d.last_id ELSE c.last_message_id END,
      last_message_at = CASE WHEN d.has_last THEN d.last_at ELSE c.last_message_at END,
      last_message_preview = CASE WHEN d.has_last THEN d.preview ELSE c.last_message_preview END,
      last_message_direction = CASE WHEN d.has_last THEN d.direction::"MessageDirection" ELSE c.last_message_direction END,
      updated_at = now()
    FROM unnest(${column((c) => c.psid)}::text[], ${column((c) => c.count)}::int[], ${column((c) => c.unread)}::int[],
      ${column((c) => c.last !== null)}::boolean[], ${column((c) => c.last?.id ?? null)}::uuid[],
      ${column((c) => c.last?.timestamp.toISOString() ?? null)}::timestamptz[], ${column((c) => c.last?.preview ?? null)}::text[],
      ${column((c) => c.last?.direction ?? null)}::text[]) AS d(psid, count, unread, has_last, last_id, last_at, preview, direction)
    WHERE c.integration_id = ${integrationId}::uuid AND c.psid = d.psid`;
}
