// Reads the per-integration webhook log (webhook-log.ts writes it) for GET .../webhook-log.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { TWebhookDelivery } from "@/lib/validations/messenger-response";
import { findMessengerIntegration } from "./find-messenger-integration";
import type { WebhookOutcome } from "./webhook-log";

/** What Meta delivered lately and what became of it (stored, ignored because inactive, refused, failed). */
export async function listWebhookDeliveries(options: { actor: Actor; integrationId: string; limit: number }) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  return { deliveries: await readWebhookLog(integration.id, options.limit) };
}

async function readWebhookLog(integrationId: string, limit: number): Promise<TWebhookDelivery[]> {
  const rows = await db().messengerWebhookLog.findMany({
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
