// Every background job the app runs, by name. A job is a payload schema (ids, never secrets: payloads are stored in
// clear in the queue table), the work, and optionally what to do when its last attempt failed, which is where a
// failure becomes visible to people (the delivery log, the integration's status). Each job lives beside its domain
// (e.g. lib/messenger/jobs/…) and is listed here under its name.
import type { z } from "zod";
import { retentionJob } from "@/lib/messenger/retention/retention-job";
import { downloadAttachmentJob } from "@/lib/messenger/attachments/download-attachment-job";
import { fetchProfileJob } from "@/lib/messenger/people/fetch-profile-job";
import { pageSubscriptionJob } from "@/lib/messenger/jobs/page-subscription-job";
import { sendMessageJob } from "@/lib/messenger/jobs/send-message-job";
import { tokenRefreshJob, tokenSweepJob } from "@/lib/token-refresh/refresh-sweep";

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  payload: S;
  // Method syntax on purpose: a definition for one payload type stays assignable to the registry's general type.
  run(payload: z.infer<S>): Promise<void>;
  /** Attempts before giving up (graphile-worker retries with exponential backoff: ≈ e^attempt seconds). */
  maxAttempts?: number;
  onGiveUp?(payload: z.infer<S>, error: unknown): Promise<void>;
};

export type JobDefinitions = Record<string, JobDefinition>;

export const jobDefinitions = {
  // Messenger: Page subscription
  "messenger.page-subscription": pageSubscriptionJob,
  // Messenger: sending and retries
  "messenger.send-message": sendMessageJob,
  // Messenger: attachments
  "messenger.download-attachment": downloadAttachmentJob,
  // Messenger: people (profiles)
  "messenger.fetch-profile": fetchProfileJob,
  // Token refresh: the sweep, and one refresh per token due
  "token-refresh.sweep": tokenSweepJob,
  "token-refresh.refresh": tokenRefreshJob,
  // Retention and housekeeping
  "retention.prune": retentionJob,
} satisfies JobDefinitions;

export type JobName = keyof typeof jobDefinitions & string;
export type JobPayload<N extends JobName> = z.input<(typeof jobDefinitions)[N]["payload"]>;
