// Retention runs daily at 03:17 UTC (off the hour, when most schedules fire). A run missed because no instance was up
// is added at the next start (backfill, up to a day back). One queue: a run and its continuation never overlap.
import type { CronItem } from "graphile-worker";

export const RETENTION_JOB = "retention.prune";
export const RETENTION_QUEUE = "retention";

export const retentionSchedule: CronItem[] = [
  {
    task: RETENTION_JOB,
    identifier: RETENTION_JOB,
    match: "17 3 * * *",
    options: { backfillPeriod: 24 * 60 * 60 * 1000, maxAttempts: 3, queueName: RETENTION_QUEUE, jobKey: RETENTION_JOB },
  },
];
