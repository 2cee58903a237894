// The download job's work: fetch one pending attachment from Meta's CDN (guarded like every provider call, no token
// sent: the link is its own permission), then keep the bytes or say why there are none. A failure that may pass
// (network, timeout, 5xx, 429) is thrown so the job engine retries with backoff; an answer that will not change
// (the link expired: 403/404/410; too large; a refused destination) ends it at once.
import { serverEnv } from "@/lib/config/server-env";
import { AppError } from "@/lib/errors";
import { providerDownload } from "@/lib/connections/provider-download";
import { db } from "@/lib/db/prisma";
import { MAX_ATTACHMENT_BYTES } from "./attachment-plan";
import { fileNameFromDisposition, normalizeMimeType } from "./file-metadata";
import { finishAttachment, type AttachmentOutcome } from "./finish-attachment";
import { DOWNLOAD_MAX_ATTEMPTS } from "./queue-downloads";

const CDN = "Facebook's CDN";
// The whole download; the headers must still come within PROVIDER_TIMEOUT_MS.
const DOWNLOAD_TIMEOUT_MS = 120_000;
const MAX_MEGABYTES = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/** Worth another attempt later: the job engine retries it with backoff. The message is a sentence without the link. */
export class RetryableDownloadError extends Error {
  override name = "RetryableDownloadError";
}

function isRetryableStatus(status: number) {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

async function fetchFile(sourceUrl: string, knownName: string | null): Promise<AttachmentOutcome> {
  let result: Awaited<ReturnType<typeof providerDownload>>;
  try {
    result = await providerDownload(CDN, sourceUrl, {
      maxBytes: MAX_ATTACHMENT_BYTES,
      totalTimeoutMs: DOWNLOAD_TIMEOUT_MS,
      allowedHosts: serverEnv().messengerMediaHosts,
    });
  } catch (error) {
    // A refused destination (SSRF guard) or a malformed link stays refused; anything on the way may work next time.
    if (error instanceof AppError && error.code === "bad_request")
      return { status: "unavailable", reason: error.message };
    throw new RetryableDownloadError(error instanceof AppError ? error.message : `${CDN} could not be reached`);
  }
  if (result.outcome === "too_large") {
    const declared = result.declaredBytes ? ` (${(result.declaredBytes / 1024 / 1024).toFixed(1)} MB)` : "";
    return {
      status: "unavailable",
      reason: `The file is larger than the ${MAX_MEGABYTES} MB the app keeps${declared}`,
    };
  }
  if (result.outcome === "http_error") {
    if (isRetryableStatus(result.status)) throw new RetryableDownloadError(`${CDN} answered HTTP ${result.status}`);
    if ([403, 404, 410].includes(result.status))
      return { status: "unavailable", reason: `Meta's link has expired or was removed (HTTP ${result.status})` };
    return { status: "unavailable", reason: `${CDN} refused the download (HTTP ${result.status})` };
  }
  if (!result.bytes.length) return { status: "unavailable", reason: "Meta sent an empty file" };
  return {
    status: "stored",
    data: result.bytes,
    mimeType: normalizeMimeType(result.contentType),
    name: fileNameFromDisposition(result.contentDisposition) ?? knownName,
  };
}

export async function downloadAttachment({ attachmentId }: { attachmentId: string }): Promise<void> {
  const attachment = await db().messengerAttachment.findUnique({
    where: { id: attachmentId },
    select: { status: true, sourceUrl: true, name: true },
  });
  // Gone (integration or message deleted) or already settled by an earlier run: nothing to do.
  if (attachment?.status !== "pending") return;
  const outcome: AttachmentOutcome = attachment.sourceUrl
    ? await fetchFile(attachment.sourceUrl, attachment.name)
    : { status: "unavailable", reason: "Meta sent no link to this file" };
  await finishAttachment(attachmentId, outcome);
}

/** The last attempt failed too: the attachment says so instead of staying "pending" forever. */
export async function giveUpAttachment({ attachmentId }: { attachmentId: string }, error: unknown): Promise<void> {
  // Only our own sentences reach the delivery log; anything else (a database error) stays in the server log.
  const why = error instanceof RetryableDownloadError ? error.message : "the download kept failing";
  await finishAttachment(attachmentId, {
    status: "unavailable",
    reason: `Gave up after ${DOWNLOAD_MAX_ATTEMPTS} attempts: ${why}`,
  });
}
