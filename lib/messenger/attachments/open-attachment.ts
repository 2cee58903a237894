// GET /organization-integration/{id}/attachments/{attachment_id}: a kept file, for whoever may read the integration's
// inbox (the same check as the messages: another organization's integration is a 404). The attachment is looked up
// within that integration only, so an id from elsewhere is a 404 too. The bytes are read from the database in 1 MB
// slices as the client takes them, so a 25 MB video never sits whole in the server's memory.
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { findMessengerIntegration } from "../find-messenger-integration";
import { parseByteRange, type ByteRange } from "./byte-range";
import { FALLBACK_MIME_TYPE } from "./file-metadata";

const SLICE_BYTES = 1024 * 1024;

export type OpenedAttachment = {
  id: string;
  mimeType: string;
  name: string | null;
  size: number;
  /** The slice asked for with Range, or null for the whole file. */
  range: ByteRange | null;
  body: ReadableStream<Uint8Array>;
};

function readSlices(attachmentId: string, start: number, endExclusive: number): ReadableStream<Uint8Array> {
  let offset = start;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const length = Math.min(SLICE_BYTES, endExclusive - offset);
      if (length <= 0) return controller.close();
      const [row] = await db().$queryRaw<{ slice: Uint8Array | null }[]>`
        SELECT substring(data FROM ${offset + 1}::int FOR ${length}::int) AS slice FROM messenger_attachments WHERE id = ${attachmentId}::uuid`;
      // Deleted meanwhile (retention, integration removed): the answer ends short rather than with wrong bytes.
      if (!row?.slice || row.slice.length !== length) return controller.error(new Error("attachment no longer stored"));
      controller.enqueue(row.slice);
      offset += length;
    },
  });
}

export async function openAttachment(options: {
  actor: Actor;
  integrationId: string;
  attachmentId: string;
  rangeHeader: string | null;
}): Promise<OpenedAttachment> {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const attachment = await db().messengerAttachment.findFirst({
    where: { id: options.attachmentId, integrationId: integration.id },
    select: { id: true, status: true, mimeType: true, name: true, size: true, error: true },
  });
  if (!attachment) throw notFound("Attachment");
  if (attachment.status === "pending")
    throw new AppError("not_found", "This attachment is not kept yet: it is still being downloaded from Facebook");
  if (attachment.status !== "stored" || attachment.size === null) {
    throw new AppError("not_found", `This attachment is unavailable${attachment.error ? `: ${attachment.error}` : ""}`);
  }
  const range = parseByteRange(options.rangeHeader, attachment.size);
  const [start, endExclusive] = range ? [range.start, range.end + 1] : [0, attachment.size];
  return {
    id: attachment.id,
    mimeType: attachment.mimeType ?? FALLBACK_MIME_TYPE,
    name: attachment.name,
    size: attachment.size,
    range,
    body: readSlices(attachment.id, start, endExclusive),
  };
}
