// Delivery and read receipts. Meta sends watermarks ("everything up to this instant was delivered/read") and
// sometimes the delivered mids, in no guaranteed order, possibly before the messages they cover. So watermarks are
// kept per person (never moving back) and outbound statuses are recomputed from them after every write.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IncomingReceipt } from "./webhook-events";

type Watermarks = { delivered: Date | null; read: Date | null; mids: string[] };

function latest(a: Date | null, b: Date): Date {
  return a && a > b ? a : b;
}

export async function applyReceipts(tx: Prisma.TransactionClient, integrationId: string, receipts: IncomingReceipt[]) {
  if (!receipts.length) return;
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
  if (mids.length) {
    await tx.$executeRaw`
      UPDATE messenger_messages SET status = 'delivered'
      WHERE integration_id = ${integrationId}::uuid AND direction = 'outbound' AND status = 'sent' AND mid = ANY(${mids}::text[])`;
  }
}

/** Brings the outbound messages to these people up to their watermarks (read beats delivered beats sent). */
export async function refreshOutboundStatuses(tx: Prisma.TransactionClient, integrationId: string, psids: string[]) {
  if (!psids.length) return;
  await tx.$executeRaw`
    UPDATE messenger_messages AS m
    SET status = CASE WHEN c.read_watermark >= m.timestamp THEN 'read'::"MessageStatus" ELSE 'delivered'::"MessageStatus" END
    FROM messenger_conversations AS c
    WHERE m.integration_id = ${integrationId}::uuid AND c.integration_id = m.integration_id AND c.psid = m.psid
      AND m.psid = ANY(${[...new Set(psids)]}::text[]) AND m.direction = 'outbound'
      AND ((c.read_watermark >= m.timestamp AND m.status <> 'read')
        OR (c.delivered_watermark >= m.timestamp AND m.status = 'sent'))`;
}
