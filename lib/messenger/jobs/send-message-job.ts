// The background job that sends a stored reply: the retries after Meta answered "busy" or "rate-limited" (scheduled
// with backoff and Retry-After by attempt-send.ts), and the safety net that finishes a reply whose request died
// between storing it and hearing from Meta. Payload: the message id and which attempt this is.
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { JobDefinition } from "@/lib/jobs/job-registry";
import { recordChangedMessages } from "../inbox-changes";
import { attemptSend, SEND_JOB_MAX_ATTEMPTS } from "../send/attempt-send";
import { logJobFailure } from "../webhook-log";

const ZSendMessagePayload = z.object({ messageId: z.uuid(), attempt: z.number().int().min(1).max(100) });

export const sendMessageJob: JobDefinition<typeof ZSendMessagePayload> = {
  payload: ZSendMessagePayload,
  // Meta's refusals never throw (they are written on the row); only our own trouble (database down) is retried here.
  maxAttempts: SEND_JOB_MAX_ATTEMPTS,
  run: ({ messageId, attempt }) => attemptSend({ messageId, attempt, isBackground: true }),
  async onGiveUp({ messageId }, error) {
    await db().$transaction(async (tx) => {
      const reason = error instanceof Error ? error.message : "unknown error";
      const [reply] = await tx.messengerMessage.updateManyAndReturn({
        where: { id: messageId, status: "pending" },
        data: { status: "failed", errorMessage: `The reply could not be sent: ${reason}` },
        select: { integrationId: true, psid: true },
      });
      if (!reply) return;
      await recordChangedMessages(tx, reply.integrationId, [messageId]);
      await logJobFailure(
        tx,
        reply.integrationId,
        `A reply to person …${reply.psid.slice(-4)} could not be sent: ${reason}`,
      );
    });
  },
};
