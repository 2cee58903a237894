// POST /organization-integration/{id}/messages/{message_id}/retry: a failed reply is sent again, as the same message
// (same row, same metadata), once the reason it failed is gone — a new token, a person who wrote again.
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { findMessengerIntegration } from "./find-messenger-integration";
import { recordChangedMessages } from "./inbox-changes";
import { assertCanReply } from "./send-message";
import { attemptSend, scheduleSendJob, staleAttemptMs } from "./send/attempt-send";
import { replyResults } from "./send/reply-results";

export async function retryMessage(options: { actor: Actor; integrationId: string; messageId: string }) {
  const { actor } = options;
  const integration = await findMessengerIntegration(options.integrationId, actor, "write");
  const reply = await db().messengerMessage.findFirst({
    where: { id: options.messageId, integrationId: integration.id },
    select: { id: true, psid: true, direction: true, origin: true, status: true, tag: true, attempts: true },
  });
  if (!reply) throw notFound("Message");
  if (reply.direction !== "outbound" || reply.origin !== "app")
    throw new AppError("conflict", "Only replies sent from this app can be retried");
  if (reply.status !== "failed")
    throw new AppError("conflict", `Only failed replies can be retried; this one is ${reply.status}`);
  // The same rules as a new reply: a closed window or a dead token is a 409 now, not another failure from Meta.
  await assertCanReply(integration, reply.psid, reply.tag);

  const isRetrying = await db().$transaction(async (tx) => {
    // Only from "failed": of two clicks at once, one retries and the other is told so.
    const { count } = await tx.messengerMessage.updateMany({
      where: { id: reply.id, status: "failed" },
      data: { status: "pending", errorCode: null, errorSubcode: null, errorMessage: null },
    });
    if (!count) return false;
    await recordChangedMessages(tx, integration.id, [reply.id]);
    const runAt = new Date(Date.now() + staleAttemptMs() + 5_000);
    await scheduleSendJob(tx, reply.id, reply.attempts + 1, runAt);
    await recordAudit(tx, {
      actor,
      orgId: integration.orgId,
      action: "messenger.message_retried",
      targetType: "integration",
      targetId: integration.id,
      changedFields: reply.tag ? ["tag"] : [],
    });
    return true;
  });
  if (!isRetrying) throw new AppError("conflict", "This reply is already being retried");
  await attemptSend({ messageId: reply.id, attempt: reply.attempts + 1, isBackground: false });
  return replyResults([reply.id]);
}
