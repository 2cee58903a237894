// Adds a job in the caller's transaction (Prisma client or transaction handle): the job exists exactly when the
// rows it is about were committed, and a job key collapses repeats (e.g. one subscription call per integration).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { JobName, JobPayload } from "./job-registry";

export type EnqueueOptions = {
  /** Same key, one pending job: a newer add replaces the waiting one (graphile-worker's job_key). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

export async function enqueueJob<N extends JobName>(
  client: Prisma.TransactionClient,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
): Promise<void> {
  await client.$queryRaw`
    SELECT id FROM graphile_worker.add_job(
      identifier => ${name}::text,
      payload => ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text
    )`;
}
