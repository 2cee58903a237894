// Settles a pending attachment — its bytes kept, or unavailable with the reason — after the download, never around
// it. The bytes go in first, while the row still says "pending" (nothing reads the data of a pending row), in
// statements of at most 4 MB: the embedded database runs every connection on one session, and one 25 MB statement
// held it (and so every webhook) for 5–12 s where 4 MB slices hold it under 1 s each (PostgreSQL pays a little more
// writing, for files over 4 MB only). Then one short transaction flips the status — only if the row is still pending
// and holds exactly the bytes downloaded — and announces it, so a second run of the same job changes nothing and
// announces nothing. The live stream resends the message; a file we could not keep is also written to the
// integration's delivery log, where admins look for what went wrong.
import { db } from "@/lib/db/prisma";
import { recordChangedConversations, recordChangedMessages } from "../inbox-changes";
import { logJobFailure } from "../webhook-log";

const WRITE_SLICE_BYTES = 4 * 1024 * 1024;

export type AttachmentOutcome =
  | { status: "stored"; data: Buffer<ArrayBuffer>; mimeType: string; name: string | null }
  | { status: "unavailable"; reason: string };

const describe = (type: string) =>
  type === "avatar" ? "The profile picture" : `A${/^[aeiou]/.test(type) ? "n" : ""} ${type} attachment`;

/** False when the row is no longer pending (settled by another run, or deleted). */
async function writeBytes(attachmentId: string, bytes: Buffer<ArrayBuffer>): Promise<boolean> {
  for (let offset = 0; offset < bytes.length; offset += WRITE_SLICE_BYTES) {
    const slice = bytes.subarray(offset, offset + WRITE_SLICE_BYTES);
    const count =
      offset === 0
        ? await db()
            .$executeRaw`UPDATE messenger_attachments SET data = ${slice} WHERE id = ${attachmentId}::uuid AND status = 'pending'`
        : await db()
            .$executeRaw`UPDATE messenger_attachments SET data = data || ${slice} WHERE id = ${attachmentId}::uuid AND status = 'pending'`;
    if (!count) return false;
  }
  return true;
}

export async function finishAttachment(attachmentId: string, outcome: AttachmentOutcome): Promise<void> {
  if (outcome.status === "stored" && !(await writeBytes(attachmentId, outcome.data))) return;
  await db().$transaction(async (tx) => {
    const count =
      outcome.status === "stored"
        ? await tx.$executeRaw`
            UPDATE messenger_attachments SET status = 'stored', size = ${outcome.data.length}, mime_type = ${outcome.mimeType}, name = ${outcome.name},
              error = NULL, stored_at = now()
            WHERE id = ${attachmentId}::uuid AND status = 'pending' AND octet_length(data) = ${outcome.data.length}`
        : await tx.$executeRaw`
            UPDATE messenger_attachments SET status = 'unavailable', data = NULL, error = ${outcome.reason}
            WHERE id = ${attachmentId}::uuid AND status = 'pending'`;
    if (!count) {
      // Still pending but not holding these bytes: two runs wrote at once. Thrown, so the job starts over.
      const isStillPending =
        outcome.status === "stored" &&
        (await tx.messengerAttachment.count({ where: { id: attachmentId, status: "pending" } }));
      if (isStillPending) throw new Error("the kept bytes did not match the download");
      return;
    }
    const row = await tx.messengerAttachment.findUniqueOrThrow({
      where: { id: attachmentId },
      select: { integrationId: true, messageId: true, type: true, psid: true, message: { select: { psid: true } } },
    });
    if (row.messageId) await recordChangedMessages(tx, row.integrationId, [row.messageId]);
    else if (row.psid) await recordChangedConversations(tx, row.integrationId, [row.psid]);
    if (outcome.status === "unavailable") {
      const psid = row.message?.psid ?? row.psid;
      const from = psid ? ` ${row.type === "avatar" ? "of" : "from"} Facebook user …${psid.slice(-4)}` : "";
      await logJobFailure(tx, row.integrationId, `${describe(row.type)}${from} could not be kept: ${outcome.reason}.`);
    }
  });
}
