// The background job that keeps one inbound attachment (see download-attachment.ts). Registered in
// lib/jobs/job-registry.ts as "messenger.download-attachment" and queued by queue-downloads.ts.
import { z } from "zod";
import type { JobDefinition } from "@/lib/jobs/job-registry";
import { downloadAttachment, giveUpAttachment } from "./download-attachment";
import { DOWNLOAD_MAX_ATTEMPTS } from "./queue-downloads";

const ZDownloadAttachmentPayload = z.object({ attachmentId: z.uuid() });

export const downloadAttachmentJob: JobDefinition<typeof ZDownloadAttachmentPayload> = {
  payload: ZDownloadAttachmentPayload,
  maxAttempts: DOWNLOAD_MAX_ATTEMPTS,
  run: downloadAttachment,
  onGiveUp: giveUpAttachment,
};
