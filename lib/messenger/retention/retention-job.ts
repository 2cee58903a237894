// The daily retention run (retention-schedule.ts): for each Facebook integration with `config.retention_days`, its
// messages (and their attachments) older than that many days are deleted; then the inbox event log older than a day
// and background jobs that gave up more than a week ago. Integrations without the setting keep everything.
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDefinition } from "@/lib/jobs/job-registry";
import { logger } from "@/lib/logging/logger";
import { FAILED_JOBS_KEPT_MS, INBOX_EVENTS_KEPT_MS, pruneFailedJobs, pruneInboxEvents } from "./prune-housekeeping";
import { pruneIntegrationMessages } from "./prune-messages";
import { RETENTION_JOB, RETENTION_QUEUE } from "./retention-schedule";

const DAY_MS = 24 * 60 * 60 * 1000;
// One run stops after this long and continues in a follow-up job (a first run over years of history), so a job is
// never held for hours.
const RUN_BUDGET_MS = 20 * 60 * 1000;

export type RetentionSummary = {
  integrations: number;
  messagesDeleted: number;
  conversationsDeleted: number;
  skippedPeople: number;
  eventsDeleted: number;
  failedJobsDeleted: number;
  isComplete: boolean;
};

export async function runRetention(
  options: { now?: Date; budgetMs?: number; batchSize?: number; pauseMs?: number } = {},
): Promise<RetentionSummary> {
  const now = options.now ?? new Date();
  const deadline = Date.now() + (options.budgetMs ?? RUN_BUDGET_MS);
  const integrations = await db().$queryRaw<{ id: string; retention_days: number }[]>`
    SELECT id, floor((config->>'retention_days')::numeric)::int AS retention_days FROM integrations
    WHERE integration_type = 'facebook' AND jsonb_typeof(config->'retention_days') = 'number'
    ORDER BY id`;
  const summary: RetentionSummary = {
    integrations: 0,
    messagesDeleted: 0,
    conversationsDeleted: 0,
    skippedPeople: 0,
    eventsDeleted: 0,
    failedJobsDeleted: 0,
    isComplete: true,
  };
  const failures: string[] = [];
  for (const { id, retention_days: days } of integrations) {
    // The config schema requires at least 1; a row written otherwise keeps everything rather than losing it all.
    if (!(days >= 1)) continue;
    if (Date.now() > deadline) {
      summary.isComplete = false;
      break;
    }
    try {
      const pruned = await pruneIntegrationMessages({
        integrationId: id,
        olderThan: new Date(now.getTime() - days * DAY_MS),
        deadline,
        batchSize: options.batchSize,
        pauseMs: options.pauseMs ?? 10,
      });
      summary.integrations += 1;
      summary.messagesDeleted += pruned.messagesDeleted;
      summary.conversationsDeleted += pruned.conversationsDeleted;
      summary.skippedPeople += pruned.skippedPeople;
      summary.isComplete &&= pruned.isComplete;
    } catch (error) {
      // One integration's trouble (a lock that did not come free) must not keep the others from being pruned.
      logger.warn(
        { err: error, integrationId: id },
        "retention: could not prune this integration's messages; the next run tries again",
      );
      failures.push(id);
    }
  }
  summary.eventsDeleted = await pruneInboxEvents({
    olderThan: new Date(now.getTime() - INBOX_EVENTS_KEPT_MS),
    deadline,
  });
  summary.failedJobsDeleted = await pruneFailedJobs({ olderThan: new Date(now.getTime() - FAILED_JOBS_KEPT_MS) });
  logger.info({ ...summary, failedIntegrations: failures.length }, "retention run finished");
  if (failures.length)
    throw new Error(`Retention could not prune ${failures.length} integration(s); see the warnings above`);
  return summary;
}

// The cron adds `_cron: {ts, backfilled}` to the payload; nothing in it is needed.
const ZRetentionPayload = z.object({});

export const retentionJob: JobDefinition<typeof ZRetentionPayload> = {
  payload: ZRetentionPayload,
  maxAttempts: 3,
  async run() {
    const summary = await runRetention();
    if (summary.isComplete) return;
    await enqueueJob(
      db(),
      RETENTION_JOB,
      {},
      { jobKey: RETENTION_JOB, queueName: RETENTION_QUEUE, runAt: new Date(Date.now() + 60_000) },
    );
  },
};
