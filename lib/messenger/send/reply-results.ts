// What POST …/messages (and the retry endpoint) answer: the reply as the inbox now shows it — sent, failed with
// Meta's code and a sentence, or pending with a retry scheduled — and one sentence about it.
import type { TSentMessage } from "@/lib/validations/messenger-response";
import { db } from "@/lib/db/prisma";
import { ATTACHMENT_SUMMARIES } from "../attachments/attachment-json";
import { toMessengerMessageJson, type MessengerMessageJson } from "../serialize-message";

function summaryOf(messages: MessengerMessageJson[]): string {
  const failed = messages.find((message) => message.status === "failed");
  if (failed) return `The message could not be sent: ${failed.error_message ?? "Meta refused it"}`;
  if (messages.some((message) => message.status === "pending"))
    return "Meta did not take the message yet: it will be retried automatically";
  return "Message sent successfully";
}

/** `sent` is the last reply (the file, when a text and a file went together); `messages` lists them all in order. */
export async function replyResults(
  ids: string[],
): Promise<{ summary: string; sent: TSentMessage; messages: TSentMessage[] }> {
  const rows = await db().messengerMessage.findMany({ where: { id: { in: ids } }, include: ATTACHMENT_SUMMARIES });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const messages = ids.flatMap((id) => (byId.has(id) ? [toMessengerMessageJson(byId.get(id)!)] : []));
  const last = messages[messages.length - 1];
  // message_id: Meta's id once it has one (the local mid before that is ours, not Meta's).
  const withMetaId = (message: MessengerMessageJson) => ({
    ...message,
    message_id: message.mid.startsWith("local:") ? null : message.mid,
  });
  return { summary: summaryOf(messages), sent: withMetaId(last), messages: messages.map(withMetaId) };
}
