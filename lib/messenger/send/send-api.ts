// One Send API call for one stored reply: JSON for text, multipart with `filedata` for a file. Meta's answer is only
// its message_id; the metadata names our row so the echo can be matched even if it arrives before this answer.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Integration, MessengerMessage } from "@/lib/generated/prisma/client";
import { callGraphApi } from "../graph-api";
import { echoMetadataFor } from "./echo-metadata";

const ZSendApiAnswer = z.object({ recipient_id: z.string(), message_id: z.string().min(1) });

export type OutboundFile = { type: string; name: string | null; mimeType: string | null; data: Uint8Array };

type Reply = Pick<MessengerMessage, "id" | "psid" | "text" | "messagingType" | "tag">;

function envelope(reply: Reply) {
  return {
    recipient: { id: reply.psid },
    messaging_type: reply.messagingType ?? "RESPONSE",
    ...(reply.tag ? { tag: reply.tag } : {}),
  };
}

/** Sends the reply; returns Meta's message id. Throws GraphApiError (Meta refused) or AppError (no answer). */
export async function callSendApi(integration: Integration, reply: Reply, file: OutboundFile | null): Promise<string> {
  const metadata = echoMetadataFor(reply.id);
  let answer: unknown;
  if (file) {
    const { recipient, ...fields } = envelope(reply);
    const message = { attachment: { type: file.type, payload: { is_reusable: true } }, metadata };
    answer = await callGraphApi(integration, "/me/messages", {
      method: "POST",
      form: [
        { name: "recipient", value: JSON.stringify(recipient) },
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        { name: "message", value: JSON.stringify(message) },
        {
          name: "filedata",
          filename: file.name ?? "file",
          contentType: file.mimeType ?? "application/octet-stream",
          data: file.data,
        },
      ],
    });
  } else {
    answer = await callGraphApi(integration, "/me/messages", {
      method: "POST",
      body: { ...envelope(reply), message: { text: reply.text, metadata } },
    });
  }
  const parsed = ZSendApiAnswer.safeParse(answer);
  if (!parsed.success) throw new AppError("bad_gateway", "Facebook: unexpected answer from the Send API");
  return parsed.data.message_id;
}
