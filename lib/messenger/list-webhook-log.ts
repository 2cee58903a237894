import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { findMessengerIntegration } from "./find-messenger-integration";
import { listWebhookLog } from "./webhook-log";

/** What Meta delivered lately and what became of it (stored, ignored because inactive, refused, failed). */
export async function listWebhookDeliveries(options: { actor: Actor; integrationId: string; limit: number }) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  return { deliveries: await listWebhookLog(db(), integration.id, options.limit) };
}
