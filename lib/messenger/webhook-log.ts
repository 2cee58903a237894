// Writes the per-integration webhook log: one row per delivery from Meta, newest WEBHOOK_LOG_LIMIT kept.
// list-webhook-log.ts reads it.
import type { Prisma } from "@/lib/generated/prisma/client";

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
