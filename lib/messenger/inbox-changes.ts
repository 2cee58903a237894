// Everything that changes an inbox goes through here, inside the transaction that made the change: the conversation
// rows the inbox list reads (so the list never scans messages), and the event log the live stream sends from.
//
// Conversation rows are kept by increments from the rows that were really inserted (redeliveries insert nothing, so
// count nothing) and by "newest wins" comparisons on (timestamp, id), so a late old message never becomes the last one
// whatever order Meta delivers in.
import { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** The channel every instance LISTENs on; the payload is the integration id (the events themselves are in the table). */
export const INBOX_EVENTS_CHANNEL = "messenger_inbox_events";

const PREVIEW_LENGTH = 120;

export type NewMessage = {
  id: string;
  psid: string;
  direction: "inbound" | "outbound";
  timestamp: Date;
  text: string | null;
  hasAttachments: boolean;
  /** Whether the person did something the 24-hour window counts (a message or postback; echoes are ours). */
  isPersonActivity: boolean;
};

/** Same rule as the migration's backfill (left(text, 120) counts characters, so an emoji is never cut in half). */
export function messagePreview(message: { text: string | null; hasAttachments: boolean }): string | null {
  if (message.text !== null) return Array.from(message.text).slice(0, PREVIEW_LENGTH).join("");
  return message.hasAttachments ? "[attachment]" : null;
}

type Aggregate = { latest: NewMessage; count: number; lastActivity: Date | null };

function aggregateByPerson(messages: NewMessage[]): Map<string, Aggregate> {
  const byPsid = new Map<string, Aggregate>();
  for (const message of messages) {
    const current = byPsid.get(message.psid);
    const activity = message.isPersonActivity ? message.timestamp : null;
    if (!current) {
      byPsid.set(message.psid, { latest: message, count: 1, lastActivity: activity });
      continue;
    }
    current.count += 1;
    if (isNewer(message, current.latest)) current.latest = message;
    if (activity && (!current.lastActivity || activity > current.lastActivity)) current.lastActivity = activity;
  }
  return byPsid;
}

function isNewer(a: NewMessage, b: NewMessage) {
  return a.timestamp.getTime() !== b.timestamp.getTime() ? a.timestamp > b.timestamp : a.id > b.id;
}

/** Call with the rows this transaction inserted (not the ones that already existed). */
export async function recordNewMessages(tx: Tx, integrationId: string, messages: NewMessage[]): Promise<void> {
  if (!messages.length) return;
  // Sorted, so concurrent transactions lock conversation rows in the same order.
  const aggregates = [...aggregateByPerson(messages).entries()].sort(([a], [b]) => a.localeCompare(b));
  const column = <T>(pick: (entry: [string, Aggregate]) => T) => aggregates.map(pick);
  await tx.$executeRaw`
    INSERT INTO messenger_conversations AS c (integration_id, psid, last_message_id, last_message_at, last_message_preview,
      last_message_direction, messages_count, last_inbound_at, updated_at)
    SELECT ${integrationId}::uuid, t.psid, t.id, t.at, t.preview, t.direction::"MessageDirection", t.count, t.inbound_at, now()
    FROM unnest(${column(([psid]) => psid)}::text[], ${column(([, a]) => a.latest.id)}::uuid[],
      ${column(([, a]) => a.latest.timestamp.toISOString())}::timestamptz[], ${column(([, a]) => messagePreview(a.latest))}::text[],
      ${column(([, a]) => a.latest.direction)}::text[], ${column(([, a]) => a.count)}::int[],
      ${column(([, a]) => a.lastActivity?.toISOString() ?? null)}::timestamptz[])
      AS t(psid, id, at, preview, direction, count, inbound_at)
    ON CONFLICT (integration_id, psid) DO UPDATE SET
      last_message_id = CASE WHEN ${newerThanCurrent} THEN EXCLUDED.last_message_id ELSE c.last_message_id END,
      last_message_preview = CASE WHEN ${newerThanCurrent} THEN EXCLUDED.last_message_preview ELSE c.last_message_preview END,
      last_message_direction = CASE WHEN ${newerThanCurrent} THEN EXCLUDED.last_message_direction ELSE c.last_message_direction END,
      last_message_at = CASE WHEN ${newerThanCurrent} THEN EXCLUDED.last_message_at ELSE c.last_message_at END,
      messages_count = c.messages_count + EXCLUDED.messages_count,
      last_inbound_at = GREATEST(c.last_inbound_at, EXCLUDED.last_inbound_at),
      updated_at = now()`;
  await countUnread(tx, integrationId, messages);
  await appendEvents(tx, integrationId, [
    ...messages.map((message) => ({ type: "message" as const, ref: message.id })),
    ...aggregates.map(([psid]) => ({ type: "conversation" as const, ref: psid })),
  ]);
}

// Shared by the CASEs above: the incoming last message is newer than the stored one.
const newerThanCurrent = Prisma.raw(
  "(c.last_message_at IS NULL OR (EXCLUDED.last_message_at, EXCLUDED.last_message_id) > (c.last_message_at, c.last_message_id))",
);

/** Inbound messages count as unread unless the team already read past them (a late old message stays read). */
async function countUnread(tx: Tx, integrationId: string, messages: NewMessage[]) {
  const inbound = messages.filter((message) => message.direction === "inbound");
  if (!inbound.length) return;
  await tx.$executeRaw`
    UPDATE messenger_conversations c SET unread_count = c.unread_count + n.count
    FROM (
      SELECT u.psid, count(*)::int AS count
      FROM unnest(${inbound.map((m) => m.psid)}::text[], ${inbound.map((m) => m.timestamp.toISOString())}::timestamptz[]) AS u(psid, at)
      JOIN messenger_conversations r ON r.integration_id = ${integrationId}::uuid AND r.psid = u.psid
      WHERE r.last_read_at IS NULL OR u.at > r.last_read_at
      GROUP BY u.psid
    ) n
    WHERE c.integration_id = ${integrationId}::uuid AND c.psid = n.psid`;
}

/**
 * The person did something the window counts that is not a stored message (a reaction): moves last_inbound_at forward
 * on their existing conversation row, never back. Returns the people whose row changed.
 */
export async function recordPersonActivity(
  tx: Tx,
  integrationId: string,
  activity: { psid: string; at: Date }[],
): Promise<string[]> {
  const latest = new Map<string, Date>();
  for (const { psid, at } of activity) if (!latest.has(psid) || at > latest.get(psid)!) latest.set(psid, at);
  if (!latest.size) return [];
  const psids = [...latest.keys()].sort();
  const changed = await tx.$queryRaw<{ psid: string }[]>`
    UPDATE messenger_conversations c SET last_inbound_at = t.at, updated_at = now()
    FROM unnest(${psids}::text[], ${psids.map((psid) => latest.get(psid)!.toISOString())}::timestamptz[]) AS t(psid, at)
    WHERE c.integration_id = ${integrationId}::uuid AND c.psid = t.psid AND (c.last_inbound_at IS NULL OR c.last_inbound_at < t.at)
    RETURNING c.psid`;
  await recordChangedConversations(
    tx,
    integrationId,
    changed.map((row) => row.psid),
  );
  return changed.map((row) => row.psid);
}

/** A message changed without being new (status, attachment stored, reaction): the live stream sends it again. */
export async function recordChangedMessages(tx: Tx, integrationId: string, messageIds: string[]): Promise<void> {
  await appendEvents(
    tx,
    integrationId,
    [...new Set(messageIds)].map((ref) => ({ type: "message" as const, ref })),
  );
}

/** A conversation row changed without a new message (read by the team, name fetched, handover). */
export async function recordChangedConversations(tx: Tx, integrationId: string, psids: string[]): Promise<void> {
  await appendEvents(
    tx,
    integrationId,
    [...new Set(psids)].map((ref) => ({ type: "conversation" as const, ref })),
  );
}

async function appendEvents(
  tx: Tx,
  integrationId: string,
  events: { type: "message" | "conversation"; ref: string }[],
) {
  if (!events.length) return;
  await tx.$executeRaw`
    INSERT INTO messenger_events (integration_id, type, ref)
    SELECT ${integrationId}::uuid, e.type, e.ref FROM unnest(${events.map((e) => e.type)}::text[], ${events.map((e) => e.ref)}::text[]) AS e(type, ref)`;
  // Delivered at commit, and only if it commits: listeners on every instance then read the new rows.
  await tx.$executeRaw`SELECT pg_notify(${INBOX_EVENTS_CHANNEL}, ${integrationId})`;
}
