// What the webhook stored, read straight from the database (tests check rows the API does not show).
import { db } from "@/lib/db/prisma";

/** The integration's messages, oldest first (ties by mid, so the order is stable). */
export const storedMessages = (integrationId: string) =>
  db().messengerMessage.findMany({ where: { integrationId }, orderBy: [{ timestamp: "asc" }, { mid: "asc" }] });

/** The integration's webhook delivery log, newest first. */
export const webhookLogRows = (integrationId: string) =>
  db().messengerWebhookLog.findMany({ where: { integrationId }, orderBy: { receivedAt: "desc" } });

/** Deliveries whose background job failed (their error is kept in the log). */
export const failedJobLogRows = (integrationId: string) =>
  db().messengerWebhookLog.findMany({ where: { integrationId, outcome: "job_failed" } });

export type ConversationRow = {
  psid: string;
  last_message_id: string | null;
  last_message_at: Date | null;
  last_message_preview: string | null;
  last_message_direction: string | null;
  messages_count: number;
  last_inbound_at: Date | null;
};

/** The conversation rows the webhook path maintained (conversations with a last message), by psid. */
export const maintainedConversationRows = (integrationId: string) =>
  db().$queryRaw<(ConversationRow & { unread_count: number })[]>`
    SELECT psid, last_message_id, last_message_at, last_message_preview, last_message_direction::text, messages_count, last_inbound_at, unread_count
    FROM messenger_conversations WHERE integration_id = ${integrationId}::uuid AND last_message_at IS NOT NULL ORDER BY psid`;

/** A copy of the row without these keys (to compare rows that differ only there). */
export function omit<T extends object>(row: T, ...keys: (keyof T)[]): Partial<T> {
  const copy = { ...row };
  for (const key of keys) delete copy[key];
  return copy;
}
