// The job queue as Prometheus sees it, counted at scrape time from graphile-worker's own tables (one grouped scan of
// the pending jobs: done jobs are deleted by graphile-worker, so the table holds only the backlog and given-up jobs).
import { db } from "@/lib/db/prisma";

export type JobQueueState = "ready" | "scheduled" | "running" | "failed";
export type JobQueueDepthRow = { task: string; state: JobQueueState; count: number };

export async function readJobQueueDepth(): Promise<JobQueueDepthRow[]> {
  // is_available = not locked and attempts left (a generated column in graphile-worker's schema); a job with no
  // attempts left and no lock has failed for good and stays until housekeeping removes it.
  const rows = await db().$queryRaw<
    { task: string; ready: number; scheduled: number; running: number; failed: number }[]
  >`
    SELECT t.identifier AS task,
      count(*) FILTER (WHERE j.is_available AND j.run_at <= now())::int AS ready,
      count(*) FILTER (WHERE j.is_available AND j.run_at > now())::int AS scheduled,
      count(*) FILTER (WHERE j.locked_at IS NOT NULL)::int AS running,
      count(*) FILTER (WHERE NOT j.is_available AND j.locked_at IS NULL)::int AS failed
    FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    GROUP BY t.identifier`;
  const states: JobQueueState[] = ["ready", "scheduled", "running", "failed"];
  return rows.flatMap((row) => states.map((state) => ({ task: row.task, state, count: row[state] })));
}
