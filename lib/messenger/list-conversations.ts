import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { findMessengerIntegration } from "./find-messenger-integration";
import { toMessengerMessageJson } from "./serialize-message";

/** One conversation per person (PSID) with its latest message, most recently active first. */
export async function listConversations(options: { actor: Actor; integrationId: string; limit: number }) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  // DISTINCT ON picks each person's newest message in the database (index integration_id, psid, timestamp).
  const latest = await db().$queryRaw<{ id: string; count: bigint }[]>`
    SELECT id, count FROM (
      SELECT DISTINCT ON (psid) id, timestamp,
        count(*) OVER (PARTITION BY psid) AS count
      FROM messenger_messages WHERE integration_id = ${integration.id}::uuid
      ORDER BY psid, timestamp DESC, created_at DESC, id DESC
    ) AS newest ORDER BY timestamp DESC LIMIT ${options.limit}`;
  const rows = await db().messengerMessage.findMany({ where: { id: { in: latest.map((row) => row.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return {
    conversations: latest
      .filter((row) => byId.has(row.id))
      .map((row) => {
        const message = byId.get(row.id)!;
        return {
          psid: message.psid,
          messages_count: Number(row.count),
          last_message_at: message.timestamp.toISOString(),
          last_message: toMessengerMessageJson(message),
        };
      }),
  };
}
