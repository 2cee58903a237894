// Adds a job in the caller's transaction (Prisma client or transaction handle): the job exists exactly when the
// rows it is about were committed, and a job key collapses repeats (e.g. one subscription call per integration).
import type { Prisma } from "@/lib/generated/prisma/client";
import { jobDefinitions, type JobDefinitions, type JobName, type JobPayload } from "./job-registry";

export type EnqueueOptions = {
  /** Same key, one pending job: a newer add replaces the waiting one (graphile-worker's job_key). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs that share a queue name run one at a time, in order (e.g. subscribe then unsubscribe the same Page). */
  queueName?: string;
  /** "preserve_run_at": re-adding a pending job keeps its time (a restart must not push a scheduled sweep back). */
  jobKeyMode?: "replace" | "preserve_run_at";
};

export async function enqueueJob<N extends JobName>(
  client: Prisma.TransactionClient,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
): Promise<void> {
  // The definition's own limit unless the caller sets one (read at call time: the registry imports the jobs, which import this).
  const maxAttempts = options.maxAttempts ?? (jobDefinitions as JobDefinitions)[name]?.maxAttempts ?? null;
  await client.$queryRaw`
    SELECT id FROM graphile_worker.add_job(
      identifier => ${name}::text,
      payload => ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${maxAttempts}::int,
      job_key => ${options.jobKey ?? null}::text,
      job_key_mode => ${options.jobKeyMode ?? null}::text
    )`;
}
