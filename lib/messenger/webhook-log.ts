// The per-integration webhook log: one row per delivery from Meta, newest WEBHOOK_LOG_LIMIT kept.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TWebhookDelivery } from "@/lib/validations/messenger-response";

export const WEBHOOK_LOG_LIMIT = 200;

// "rejected_signature" is no longer written (refused deliveries cannot be attributed to an integration and must not
// push real entries out of the bounded log) but older rows may still carry it.
// "job_failed": a background job about this integration (download, profile, subscription, send retry) gave up.
export type WebhookOutcome = "stored" | "ignored_inactive" | "rejected_signature" | "failed" | "job_failed";

export type WebhookLogEntry = {
  integrationId: string;
  isVerified: boolean;
  eventsCount: number;
  storedCount?: number;
  outcome: WebhookOutcome;
  unknownEvents?: unknown[];
  detail?: string;
};

export async function appendWebhookLog(client: Prisma.TransactionClient, entry: WebhookLogEntry) {
  await client.messengerWebhookLog.create({
    data: {
      integrationId: entry.integrationId,
      isVerified: entry.isVerified,
      eventsCount: entry.eventsCount,
      storedCount: entry.storedCount ?? 0,
      outcome: entry.outcome,
      unknownEvents: entry.unknownEvents?.length ? (entry.unknownEvents as Prisma.InputJsonValue) : undefined,
      detail: entry.detail?.slice(0, 500),
    },
  });
  await client.$executeRaw`
    DELETE FROM messenger_webhook_logs WHERE id IN (
      SELECT id FROM messenger_webhook_logs WHERE integration_id = ${entry.integrationId}::uuid
      ORDER BY received_at DESC, id DESC OFFSET ${WEBHOOK_LOG_LIMIT}
    )`;
}

/** A background job about this integration gave up: shown in its delivery log with a human sentence (never a secret). */
export async function logJobFailure(client: Prisma.TransactionClient, integrationId: string, detail: string) {
  await appendWebhookLog(client, { integrationId, isVerified: true, eventsCount: 0, outcome: "job_failed", detail });
}

export async function listWebhookLog(
  client: Prisma.TransactionClient,
  integrationId: string,
  limit: number,
): Promise<TWebhookDelivery[]> {
  const rows = await client.messengerWebhookLog.findMany({
    where: { integrationId },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    received_at: row.receivedAt.toISOString(),
    is_verified: row.isVerified,
    events_count: row.eventsCount,
    stored_count: row.storedCount,
    outcome: row.outcome as WebhookOutcome,
    unknown_events: row.unknownEvents ?? [],
    detail: row.detail,
  }));
}
