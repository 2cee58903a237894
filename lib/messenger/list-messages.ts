import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { findMessengerIntegration } from "./find-messenger-integration";
import { toMessengerMessageJson } from "./serialize-message";

/** Newest first; page with `before` = next_before (the last message's timestamp). `psid` narrows to one thread. */
export async function listMessages(options: { actor: Actor; integrationId: string; limit: number; before?: string; psid?: string }) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const rows = await db().messengerMessage.findMany({
    where: {
      integrationId: integration.id,
      ...(options.psid ? { psid: options.psid } : {}),
      ...(options.before ? { timestamp: { lt: new Date(options.before) } } : {}),
    },
    orderBy: [{ timestamp: "desc" }, { createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    messages: page.map(toMessengerMessageJson),
    next_before: rows.length > options.limit ? page.at(-1)!.timestamp.toISOString() : null,
  };
}
