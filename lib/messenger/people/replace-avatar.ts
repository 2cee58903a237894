// A person's picture, re-hosted: Meta's profile_pic links expire within days, so the bytes are kept as an "avatar"
// attachment (messenger_attachments, psid set, no message), fetched by the attachments' download job like any file,
// and served by this app.
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { DOWNLOAD_ATTACHMENT_JOB, DOWNLOAD_MAX_ATTEMPTS } from "../attachments/queue-downloads";

/** Replaces the person's avatar with one for `pictureUrl` (none when null); returns the new attachment's id. */
export async function replaceAvatar(
  tx: Prisma.TransactionClient,
  integrationId: string,
  psid: string,
  pictureUrl: string | null,
): Promise<string | null> {
  await tx.messengerAttachment.deleteMany({ where: { integrationId, psid, type: "avatar" } });
  if (!pictureUrl) return null;
  const avatar = await tx.messengerAttachment.create({
    data: { integrationId, psid, type: "avatar", status: "pending", sourceUrl: pictureUrl },
    select: { id: true },
  });
  // Same job and key as message attachments: downloaded after this commits, retried, "unavailable" if the link died.
  await enqueueJob(
    tx,
    DOWNLOAD_ATTACHMENT_JOB,
    { attachmentId: avatar.id },
    { jobKey: `${DOWNLOAD_ATTACHMENT_JOB}:${avatar.id}`, maxAttempts: DOWNLOAD_MAX_ATTEMPTS },
  );
  return avatar.id;
}
