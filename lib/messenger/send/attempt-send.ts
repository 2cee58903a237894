// One attempt to send a stored reply — from the POST, the retry endpoint or the send job — and what its outcome does
// to the row: "sent" with Meta's mid, still "pending" with a retry scheduled (Meta busy or rate-limiting), or "failed"
// with Meta's code and a sentence. Each outcome is written in one transaction with the inbox events.
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import type { Integration, MessengerMessage, Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { logger } from "@/lib/logging/logger";
import { countSendOutcome } from "@/lib/metrics/app-metrics";
import { recordChangedMessages } from "../inbox-changes";
import { refreshOutboundStatuses } from "../message-status";
import { sendModeFor } from "../messaging-window";
import { logJobFailure } from "../webhook-log";
import { callSendApi, type OutboundFile } from "./send-api";
import { classifySendFailure, type SendFailure } from "./send-failures";

/** Meta calls per reply before it is marked failed (the first one included). */
export const MAX_SEND_ATTEMPTS = 5;

export const SEND_JOB = "messenger.send-message";
export const sendJobKey = (messageId: string) => `messenger-send:${messageId}`;
/** Runs of the send job that may throw (our own trouble, e.g. the database) before it gives up. */
export const SEND_JOB_MAX_ATTEMPTS = 5;

/** The one pending send job of a reply (a newer one replaces it): attempt `attempt`, not before `runAt`. */
export async function scheduleSendJob(tx: Prisma.TransactionClient, messageId: string, attempt: number, runAt: Date) {
  await enqueueJob(
    tx,
    SEND_JOB,
    { messageId, attempt },
    { jobKey: sendJobKey(messageId), runAt, maxAttempts: SEND_JOB_MAX_ATTEMPTS },
  );
}

export const REAUTH_SENTENCE =
  "The Page access token no longer works (Facebook error 190): paste a new Page token in the integration's settings " +
  "(or use Test connection if it works again), then send again";

/** A claimed attempt older than this is dead (its process stopped mid-call): the send job may take the reply over. */
export const staleAttemptMs = () => 2 * serverEnv().PROVIDER_TIMEOUT_MS + 30_000;

/** Wait before the next attempt: 2 s, 8 s, 32 s, 2 min… (at most 10 min), and never sooner than Meta's Retry-After. */
export function retryDelayMs(attemptsMade: number, retryAfterMs: number | null): number {
  const backoff = Math.min(2_000 * 4 ** Math.max(attemptsMade - 1, 0), 10 * 60_000);
  return Math.max(backoff, retryAfterMs ?? 0);
}

export type AttemptOptions = { messageId: string; attempt: number; isBackground: boolean };

/** Takes the reply for this attempt, so two processes never call Meta for it at once. */
async function claimAttempt({ messageId, attempt, isBackground }: AttemptOptions): Promise<MessengerMessage | null> {
  const stale = { updatedAt: { lt: new Date(Date.now() - staleAttemptMs()) } };
  const { count } = await db().messengerMessage.updateMany({
    where: {
      id: messageId,
      direction: "outbound",
      origin: "app",
      status: "pending",
      OR: [{ attempts: { lt: attempt } }, ...(isBackground ? [stale] : [])],
    },
    data: { attempts: { increment: 1 } },
  });
  return count ? db().messengerMessage.findUnique({ where: { id: messageId } }) : null;
}

/** Why Meta must not be called for this reply now; checked at every attempt, since a retry can come days later. */
async function refusalBeforeCalling(integration: Integration, reply: MessengerMessage): Promise<string | null> {
  if (!integration.isActive) return "The integration was deactivated before the reply could be sent";
  if (integration.needsReauth) return REAUTH_SENTENCE;
  const conversation = await db().messengerConversation.findUnique({
    where: { integrationId_psid: { integrationId: integration.id, psid: reply.psid } },
    select: { lastInboundAt: true },
  });
  const mode = sendModeFor({ lastInboundAt: conversation?.lastInboundAt ?? null, tag: reply.tag });
  return "refusal" in mode ? mode.refusal : null;
}

async function outboundFileOf(reply: MessengerMessage): Promise<OutboundFile | null> {
  if (reply.text !== null) return null;
  const file = await db().messengerAttachment.findFirst({
    where: { messageId: reply.id },
    select: { type: true, name: true, mimeType: true, data: true },
  });
  return file?.data ? { type: file.type, name: file.name, mimeType: file.mimeType, data: file.data } : null;
}

async function removeSendJob(tx: Prisma.TransactionClient, messageId: string) {
  await tx.$queryRaw`SELECT graphile_worker.remove_job(${sendJobKey(messageId)}::text) IS NOT NULL AS removed`;
}

async function recordSent(integration: Integration, reply: MessengerMessage, mid: string) {
  await db().$transaction(async (tx) => {
    // An echo without our metadata may have stored Meta's mid already; then the row keeps its local one.
    const clash = await tx.messengerMessage.findUnique({
      where: { integrationId_mid: { integrationId: integration.id, mid } },
      select: { id: true },
    });
    // Only while pending: the echo may have confirmed it first (same mid), and that is final.
    const { count } = await tx.messengerMessage.updateMany({
      where: { id: reply.id, status: "pending" },
      data: {
        ...(clash && clash.id !== reply.id ? {} : { mid }),
        status: "sent",
        errorCode: null,
        errorSubcode: null,
        errorMessage: null,
      },
    });
    if (count) {
      await refreshOutboundStatuses(tx, integration.id, [reply.psid]);
      await recordChangedMessages(tx, integration.id, [reply.id]);
    }
    await removeSendJob(tx, reply.id);
  });
}

async function recordFailure(
  integration: Integration,
  reply: MessengerMessage,
  failure: SendFailure,
  options: AttemptOptions,
) {
  const willRetry = failure.outcome === "retry" && reply.attempts < MAX_SEND_ATTEMPTS;
  const errorFields = { errorCode: failure.code, errorSubcode: failure.subcode };
  await db().$transaction(async (tx) => {
    if (willRetry) {
      const runAt = new Date(Date.now() + retryDelayMs(reply.attempts, failure.retryAfterMs));
      const { count } = await tx.messengerMessage.updateMany({
        where: { id: reply.id, status: "pending" },
        data: { ...errorFields, errorMessage: `${failure.message} Retrying at ${runAt.toISOString()}.` },
      });
      if (!count) return;
      await scheduleSendJob(tx, reply.id, reply.attempts + 1, runAt);
    } else {
      const message =
        failure.outcome === "retry" ? `Gave up after ${reply.attempts} attempts. ${failure.message}` : failure.message;
      const { count } = await tx.messengerMessage.updateMany({
        where: { id: reply.id, status: "pending" },
        data: { ...errorFields, status: "failed", errorMessage: message },
      });
      if (!count) return;
      // Shown on the integration, and every send refused with a clear 409, until someone saves a new Page token.
      if (failure.isTokenInvalid)
        await tx.integration.update({ where: { id: integration.id }, data: { needsReauth: true } });
      await removeSendJob(tx, reply.id);
      if (options.isBackground)
        await logJobFailure(
          tx,
          integration.id,
          `A reply to person …${reply.psid.slice(-4)} could not be sent: ${message}`,
        );
    }
    await recordChangedMessages(tx, integration.id, [reply.id]);
  });
}

/** Runs one attempt if the reply is still waiting for it; the row says what happened. */
export async function attemptSend(options: AttemptOptions): Promise<void> {
  const reply = await claimAttempt(options);
  if (!reply) return;
  const integration = await db().integration.findUnique({ where: { id: reply.integrationId } });
  if (!integration) return; // deleted meanwhile, and its messages with it
  const refusal = await refusalBeforeCalling(integration, reply);
  if (refusal) {
    return recordFailure(
      integration,
      reply,
      { outcome: "fail", code: null, subcode: null, message: refusal, isTokenInvalid: false, retryAfterMs: null },
      options,
    );
  }
  let mid: string;
  try {
    mid = await callSendApi(integration, reply, await outboundFileOf(reply));
  } catch (error) {
    const failure = classifySendFailure(error);
    countSendOutcome(failure.code ?? "unreachable");
    logger.warn(
      { integrationId: integration.id, messageId: reply.id, code: failure.code, outcome: failure.outcome },
      "messenger send refused",
    );
    return recordFailure(integration, reply, failure, options);
  }
  countSendOutcome("sent");
  try {
    await recordSent(integration, reply, mid);
  } catch (error) {
    // Meta has it; if this write is lost, Meta's echo (carrying our metadata) still turns the reply into "sent".
    logger.error(
      { err: error, integrationId: integration.id, messageId: reply.id, mid },
      "sent reply could not be recorded",
    );
    throw error;
  }
  logger.info({ integrationId: integration.id, messageId: reply.id, mid }, "messenger reply sent");
}
