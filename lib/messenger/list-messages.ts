import type { TMessagePage } from "@/lib/validations/messenger-response";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keysetPage, olderThan } from "@/lib/db/keyset";
import type { TKeysetCursor } from "@/lib/validations/keyset-cursor";
import { ATTACHMENT_SUMMARIES } from "./attachments/attachment-json";
import { findMessengerIntegration, type InboxPageRequest } from "./find-messenger-integration";
import { toMessengerMessageJson } from "./serialize-message";

/** Newest first; the next page is `before=<next_before>`. `psid` narrows to one person's thread. */
export async function listMessages(
  options: InboxPageRequest<TKeysetCursor> & { psid?: string },
): Promise<TMessagePage> {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const rows = await db().messengerMessage.findMany({
    where: {
      integrationId: integration.id,
      ...(options.psid ? { psid: options.psid } : {}),
      ...(options.before ? (olderThan("timestamp", options.before) as Prisma.MessengerMessageWhereInput) : {}),
    },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    take: options.limit + 1,
    include: ATTACHMENT_SUMMARIES,
  });
  const { page, nextBefore } = keysetPage(rows, options.limit, (row) => row.timestamp);
  return { messages: page.map(toMessengerMessageJson), next_before: nextBefore };
}
