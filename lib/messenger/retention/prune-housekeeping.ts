// The short-lived logs that retention also keeps in check: the inbox event log (the live stream resumes from it for a
// day at most) and background jobs that gave up (kept a week to be looked at; their failure is already in the
// integration's delivery log). Deleted in bounded statements so no single one holds locks for long.
import { db } from "@/lib/db/prisma";

export const INBOX_EVENTS_KEPT_MS = 24 * 60 * 60 * 1000;
export const FAILED_JOBS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
const EVENTS_PER_STATEMENT = 5_000;

export async function pruneInboxEvents(options: { olderThan: Date; deadline?: number }): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db().$executeRaw`
      DELETE FROM messenger_events WHERE id IN (
        SELECT id FROM messenger_events WHERE created_at < ${options.olderThan} LIMIT ${EVENTS_PER_STATEMENT})`;
    total += deleted;
    if (deleted < EVENTS_PER_STATEMENT || (options.deadline !== undefined && Date.now() > options.deadline))
      return total;
  }
}

/** graphile-worker keeps a job that used up its attempts forever; these go once they are old enough. */
export async function pruneFailedJobs(options: { olderThan: Date }): Promise<number> {
  return db().$executeRaw`
    DELETE FROM graphile_worker._private_jobs
    WHERE locked_at IS NULL AND attempts >= max_attempts AND updated_at < ${options.olderThan}`;
}
