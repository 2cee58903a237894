// Called in the webhook's transaction with the messages it really inserted: one attachment row per Meta attachment
// (pending when there is a file to fetch) and one download job per pending row. Nothing is downloaded here — Meta
// gets its 200 first; the jobs exist exactly when the messages are committed.
import type { MessengerMessage, Prisma } from "@/lib/generated/prisma/client";
import type { JobName } from "@/lib/jobs/job-registry";
import { planAttachments, type PlannedAttachment } from "./attachment-plan";

export const DOWNLOAD_ATTACHMENT_JOB = "messenger.download-attachment" satisfies JobName;

/** ≈ 3.5 h of exponential backoff (graphile-worker waits e^attempt s): Meta's links outlive that, CDN outages do not. */
export const DOWNLOAD_MAX_ATTEMPTS = 10;

/**
 * An unsigned delivery (an integration open to unsigned test posts) could come from anyone who knows the callback
 * URL: its links are not fetched, or this server would download whatever such a poster points it at.
 */
function unlessUnsigned(planned: PlannedAttachment, isVerified: boolean): PlannedAttachment {
  if (isVerified || planned.status !== "pending") return planned;
  return {
    ...planned,
    status: "unavailable",
    sourceUrl: null,
    error: "Not downloaded: the delivery was not signed by Meta",
  };
}

export async function queueAttachmentDownloads(
  tx: Prisma.TransactionClient,
  integrationId: string,
  messages: Pick<MessengerMessage, "id" | "attachments" | "isVerified">[],
): Promise<void> {
  const rows = messages.flatMap((message) =>
    planAttachments(message.attachments).map((planned) => ({
      integrationId,
      messageId: message.id,
      ...unlessUnsigned(planned, message.isVerified),
    })),
  );
  if (!rows.length) return;
  const created = await tx.messengerAttachment.createManyAndReturn({ data: rows, select: { id: true, status: true } });
  const pendingIds = created.filter((row) => row.status === "pending").map((row) => row.id);
  if (!pendingIds.length) return;
  // One statement for the whole batch (graphile-worker's add_jobs; enqueueJob would be one round trip per file).
  // Payloads carry the attachment id only. No job key: each row is created once, with the message that brings it,
  // and a key costs a lookup per file (100 files added 80–100 ms to a webhook on PostgreSQL with keys, 30–90 without).
  await tx.$queryRaw`
    SELECT count(*)::int AS added FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW(${DOWNLOAD_ATTACHMENT_JOB}::text, json_build_object('attachmentId', id), NULL::text, NULL::timestamptz,
        ${DOWNLOAD_MAX_ATTEMPTS}::smallint, NULL::text, NULL::smallint, NULL::text[])::graphile_worker.job_spec
      FROM unnest(${pendingIds}::uuid[]) AS id
    ))`;
}
