// POST /organization-integration/{id}/messages: a reply through Meta's Send API, stored once Meta accepted it.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logging/logger";
import type { TSendMessage } from "@/lib/validations/messenger";
import { findMessengerIntegration } from "./find-messenger-integration";
import { callGraphApi, GraphApiError } from "./graph-api";
import { refreshOutboundStatuses } from "./message-status";
import { toMessengerMessageJson } from "./serialize-message";
import { toMessageRow } from "./store-page-events";

const ZSendApiAnswer = z.object({ recipient_id: z.string(), message_id: z.string().min(1) });

async function callSendApi(integration: Integration, input: TSendMessage) {
  try {
    const answer = await callGraphApi(integration, "/me/messages", {
      method: "POST",
      body: { recipient: { id: input.recipient_id }, messaging_type: "RESPONSE", message: { text: input.text } },
    });
    const parsed = ZSendApiAnswer.safeParse(answer);
    if (!parsed.success) throw new AppError("bad_gateway", "Facebook: unexpected answer from the Send API");
    return parsed.data;
  } catch (error) {
    if (error instanceof GraphApiError && error.isInvalidToken) {
      // Shown on the integration until someone pastes a new Page token (update-integration clears it).
      await db().integration.update({ where: { id: integration.id }, data: { needsReauth: true } });
    }
    throw error;
  }
}

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

export async function sendMessage(options: { actor: Actor; integrationId: string; input: TSendMessage }) {
  const { actor, input } = options;
  const integration = await findMessengerIntegration(options.integrationId, actor, "write");
  if (!integration.isActive) throw new AppError("conflict", "This integration is inactive: activate it before sending messages");

  // Read before sending: once Meta has accepted the message, nothing may fail in a way that invites a resend.
  const pageId = await pageIdFor(integration, input.recipient_id);
  const sent = await callSendApi(integration, input);
  const row = toMessageRow(
    integration.id,
    {
      mid: sent.message_id,
      direction: "outbound",
      kind: "message",
      senderId: pageId,
      recipientId: input.recipient_id,
      psid: input.recipient_id,
      text: input.text,
      attachments: null,
      postback: null,
      timestamp: new Date(),
    },
    true,
  );
  // Meta's echo of this message may already be stored (same mid): then that row is kept and returned.
  const stored = await db()
    .$transaction(async (tx) => {
      await tx.messengerMessage.createMany({ data: [row], skipDuplicates: true });
      await refreshOutboundStatuses(tx, integration.id, [row.psid]);
      if (integration.needsReauth) await tx.integration.update({ where: { id: integration.id }, data: { needsReauth: false } });
      // Who spoke for the Page, and when — never what was said.
      await recordAudit(tx, {
        actor, orgId: integration.orgId, action: "messenger.message_sent", targetType: "integration", targetId: integration.id, changedFields: [],
      });
      return tx.messengerMessage.findUniqueOrThrow({ where: { integrationId_mid: { integrationId: integration.id, mid: row.mid } } });
    })
    .catch((error) => {
      logger.error({ err: error, integrationId: integration.id, mid: row.mid }, "sent message could not be stored");
      // Not a 500: the person did get the message, and the caller must not send it twice.
      throw new AppError("unavailable", `The message was sent (id ${row.mid}) but could not be saved in the inbox`);
    });
  logger.info({ integrationId: integration.id, mid: stored.mid }, "messenger message sent");
  return { ...toMessengerMessageJson(stored), message_id: sent.message_id };
}
