// Delivery and read receipts. Meta sends watermarks ("everything up to this instant was delivered/read") and
// sometimes the delivered mids, in no guaranteed order, possibly before the messages they cover. So watermarks are
// kept per person (never moving back) and outbound statuses are recomputed from them after every write.
import type { BatchWrite } from "./batch-write";
import type { IncomingReceipt } from "./page-events";

type Watermarks = { delivered: Date | null; read: Date | null; mids: string[] };

function latest(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}

/** Keeps the watermarks and marks the delivered mids; returns the ids of the messages whose status changed. */
export const applyReceipts: BatchWrite<IncomingReceipt> = async (tx, integrationId, receipts) => {
  if (!receipts.length) return [];
  const byPsid = new Map<string, Watermarks>();
  for (const receipt of receipts) {
    const marks = byPsid.get(receipt.psid) ?? { delivered: null, read: null, mids: [] };
    if (receipt.kind === "delivery") marks.delivered = latest(marks.delivered, receipt.watermark);
    else marks.read = latest(marks.read, receipt.watermark);
    marks.mids.push(...receipt.mids);
    byPsid.set(receipt.psid, marks);
  }
  // Sorted, so two concurrent deliveries lock conversation rows in the same order.
  const psids = [...byPsid.keys()].sort();
  const delivered = psids.map((psid) => byPsid.get(psid)!.delivered?.toISOString() ?? null);
  const read = psids.map((psid) => byPsid.get(psid)!.read?.toISOString() ?? null);
  await tx.$executeRaw`
    INSERT INTO messenger_conversations (integration_id, psid, delivered_watermark, read_watermark, updated_at)
    SELECT ${integrationId}::uuid, t.psid, t.delivered, t.read, now()
    FROM unnest(${psids}::text[], ${delivered}::timestamptz[], ${read}::timestamptz[]) AS t(psid, delivered, read)
    ON CONFLICT (integration_id, psid) DO UPDATE SET
      delivered_watermark = GREATEST(messenger_conversations.delivered_watermark, EXCLUDED.delivered_watermark),
      read_watermark = GREATEST(messenger_conversations.read_watermark, EXCLUDED.read_watermark),
      updated_at = now()`;
  const mids = psids.flatMap((psid) => byPsid.get(psid)!.mids);
  if (!mids.length) return [];
  const markedDelivered = await tx.$queryRaw<{ id: string }[]>`
    UPDATE messenger_messages SET status = 'delivered', updated_at = now()
    WHERE integration_id = ${integrationId}::uuid AND direction = 'outbound' AND status = 'sent' AND mid = ANY(${mids}::text[])
    RETURNING id`;
  return markedDelivered.map((row) => row.id);
};

/**
 * Brings the outbound messages to these people up to their watermarks (read beats delivered beats sent); returns the
 * ids of the messages whose status changed.
 */
export const refreshOutboundStatuses: BatchWrite<string> = async (tx, integrationId, psids) => {
  if (!psids.length) return [];
  const changed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE messenger_messages AS m
    SET status = CASE WHEN c.read_watermark >= m.timestamp THEN 'read'::"MessageStatus" ELSE 'delivered'::"MessageStatus" END,
      updated_at = now()
    FROM messenger_conversations AS c
    WHERE m.integration_id = ${integrationId}::uuid AND c.integration_id = m.integration_id AND c.psid = m.psid
      AND m.psid = ANY(${[...new Set(psids)]}::text[]) AND m.direction = 'outbound'
      -- Pending and failed replies never reached the person: no receipt can cover them.
      AND m.status IN ('sent', 'delivered')
      AND ((c.read_watermark >= m.timestamp)
        OR (c.delivered_watermark >= m.timestamp AND m.status = 'sent'))
    RETURNING m.id`;
  return changed.map((row) => row.id);
};
