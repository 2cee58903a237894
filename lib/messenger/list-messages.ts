import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TMessagesCursor } from "@/lib/validations/messenger";
import { findMessengerIntegration } from "./find-messenger-integration";
import { toMessengerMessageJson } from "./serialize-message";

/** Strictly older than the cursor in (timestamp desc, id desc) order: stable while new messages arrive. */
function olderThan(cursor: TMessagesCursor): Prisma.MessengerMessageWhereInput {
  if (!cursor.id) return { timestamp: { lt: cursor.at } };
  return { OR: [{ timestamp: { lt: cursor.at } }, { timestamp: cursor.at, id: { lt: cursor.id } }] };
}

/** Newest first; the next page is `before=<next_before>`. `psid` narrows to one person's thread. */
export async function listMessages(options: {
  actor: Actor;
  integrationId: string;
  limit: number;
  before?: TMessagesCursor;
  psid?: string;
}) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const rows = await db().messengerMessage.findMany({
    where: {
      integrationId: integration.id,
      ...(options.psid ? { psid: options.psid } : {}),
      ...(options.before ? olderThan(options.before) : {}),
    },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    messages: page.map(toMessengerMessageJson),
    next_before: rows.length > options.limit && last ? `${last.timestamp.toISOString()}~${last.id}` : null,
  };
}
