// POST /organization-integration/{id}/messages: a reply through Meta's Send API. It is stored before Meta is called
// (pending, local mid, origin "app"), so nothing said for the Page is lost whatever Meta answers; then one attempt is
// made at once (send/attempt-send.ts) and the answer says what became of it: sent, failed, or pending with a retry.
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Integration, Prisma } from "@/lib/generated/prisma/client";
import { findMessengerIntegration } from "./find-messenger-integration";
import { recordNewMessages } from "./inbox-changes";
import { sendModeFor, type SendMode } from "./messaging-window";
import { attemptSend, REAUTH_SENTENCE, scheduleSendJob, staleAttemptMs } from "./send/attempt-send";
import { replyResults } from "./send/reply-results";
import type { ReplyFile, SendInput } from "./send/send-input";

/** The Page's own id: configured, or seen as the recipient of this person's messages. */
async function pageIdFor(integration: Integration, psid: string): Promise<string> {
  const configured = (integration.config as { page_id?: string } | null)?.page_id;
  if (configured) return configured;
  const seen = await db().messengerMessage.findFirst({
    where: { integrationId: integration.id, psid, direction: "inbound" },
    orderBy: { timestamp: "desc" },
    select: { recipientId: true },
  });
  return seen?.recipientId ?? "me";
}

/** Refused before anything is stored or Meta is called: the answer is a 409 that says what to do. */
export async function assertCanReply(integration: Integration, psid: string, tag: string | null): Promise<SendMode> {
  if (!integration.isActive)
    throw new AppError("conflict", "This integration is inactive: activate it before sending messages");
  if (integration.needsReauth) throw new AppError("conflict", REAUTH_SENTENCE);
  const conversation = await db().messengerConversation.findUnique({
    where: { integrationId_psid: { integrationId: integration.id, psid } },
    select: { lastInboundAt: true },
  });
  const mode = sendModeFor({ lastInboundAt: conversation?.lastInboundAt ?? null, tag });
  if ("refusal" in mode) throw new AppError("conflict", mode.refusal);
  return mode;
}

type PendingReply = { id: string; text: string | null; file: ReplyFile | null };

/** The text goes first and the file after it, as two Messenger messages (Meta takes text or an attachment, not both). */
function pendingReplies(input: SendInput, file: ReplyFile | null): PendingReply[] {
  return [
    ...(input.text !== undefined ? [{ id: randomUUID(), text: input.text, file: null }] : []),
    ...(file ? [{ id: randomUUID(), text: null, file }] : []),
  ];
}

// A file of up to 25 MB is written in the storing transaction: Prisma's 5 s default failed it (a 500) on a busy
// server. Text-only replies keep the defaults, so nothing else waits longer for a stuck one.
const FILE_WRITE_TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

async function storeReplies(options: {
  actor: Actor;
  integration: Integration;
  input: SendInput;
  file: ReplyFile | null;
  mode: SendMode;
}) {
  const { actor, integration, input, mode } = options;
  const pageId = await pageIdFor(integration, input.recipient_id);
  const replies = pendingReplies(input, options.file);
  const now = Date.now();
  const rows: Prisma.MessengerMessageCreateManyInput[] = replies.map((reply, index) => ({
    id: reply.id,
    integrationId: integration.id,
    mid: `local:${reply.id}`,
    direction: "outbound",
    kind: "message",
    senderId: pageId,
    recipientId: input.recipient_id,
    psid: input.recipient_id,
    text: reply.text,
    status: "pending",
    origin: "app",
    messagingType: mode.messagingType,
    tag: "tag" in mode ? mode.tag : null,
    // A millisecond apart, so the thread shows them in the order they are sent.
    timestamp: new Date(now + index),
  }));
  await db().$transaction(
    async (tx) => {
      const inserted = await tx.messengerMessage.createManyAndReturn({ data: rows });
      for (const reply of replies.filter((candidate) => candidate.file)) {
        const file = reply.file!;
        await tx.messengerAttachment.create({
          data: {
            integrationId: integration.id,
            messageId: reply.id,
            type: file.type,
            status: "stored",
            mimeType: file.mimeType,
            size: file.data.byteLength,
            name: file.name,
            data: file.data,
            storedAt: new Date(),
          },
        });
      }
      await recordNewMessages(
        tx,
        integration.id,
        inserted.map((row) => ({
          id: row.id,
          psid: row.psid,
          direction: "outbound",
          timestamp: row.timestamp,
          text: row.text,
          hasAttachments: row.text === null,
          isPersonActivity: false,
        })),
      );
      // The safety net: if this request dies before Meta answers, the job finishes the send once the attempt is stale.
      const runAt = new Date(now + staleAttemptMs() + 5_000);
      for (const reply of replies) await scheduleSendJob(tx, reply.id, 1, runAt);
      // Who spoke for the Page, and whether they asked for the human agent tag — never what was said.
      await recordAudit(tx, {
        actor,
        orgId: integration.orgId,
        action: "messenger.message_sent",
        targetType: "integration",
        targetId: integration.id,
        changedFields: [...(options.file ? ["file"] : []), ...("tag" in mode ? ["tag"] : [])],
      });
    },
    options.file ? FILE_WRITE_TRANSACTION : undefined,
  );
  return replies.map((reply) => reply.id);
}

/** Who may send through which integration, checked before a body of up to 25 MB is read. */
export const findReplyIntegration = (options: { actor: Actor; integrationId: string }) =>
  findMessengerIntegration(options.integrationId, options.actor, "write");

export async function sendMessage(options: {
  actor: Actor;
  integration: Integration;
  input: SendInput;
  file?: ReplyFile | null;
}) {
  const { actor, input, integration } = options;
  const mode = await assertCanReply(integration, input.recipient_id, input.tag ?? null);
  const ids = await storeReplies({ actor, integration, input, file: options.file ?? null, mode });
  for (const id of ids) await attemptSend({ messageId: id, attempt: 1, isBackground: false });
  return replyResults(ids);
}
