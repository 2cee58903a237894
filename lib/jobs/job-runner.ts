// The job runner inside each app instance (started from instrumentation.ts; JOBS_ENABLED=0 turns it off on an
// instance). graphile-worker takes each job with SELECT … FOR UPDATE SKIP LOCKED, so with any number of instances a job
// runs once; failed jobs are retried with exponential backoff up to their maxAttempts, then handed to onGiveUp.
import { EventEmitter } from "node:events";
import { parseCronItems, run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import { logger } from "@/lib/logging/logger";
import { countJobRun } from "@/lib/metrics/app-metrics";
import { scheduledJobs } from "./job-schedule";
import { jobLogger } from "./job-logger";
import { jobDefinitions, type JobDefinitions } from "./job-registry";

export type JobRunnerOptions = {
  databaseUrl: string;
  definitions?: JobDefinitions;
  concurrency?: number;
  /** How often to look for jobs when no notification arrives (the embedded database delivers none across processes). */
  pollIntervalMs?: number;
};

function taskListOf(definitions: JobDefinitions): TaskList {
  return Object.fromEntries(
    Object.entries(definitions).map(([name, definition]) => [
      name,
      async (rawPayload: unknown) => {
        const payload = definition.payload.safeParse(rawPayload);
        // A payload this version cannot read will never succeed: dropped (and logged) instead of retried for days.
        if (!payload.success) return logger.error({ job: name }, "job payload is invalid; dropped");
        await definition.run(payload.data);
      },
    ]),
  );
}

function reportGiveUps(events: WorkerEvents, definitions: JobDefinitions) {
  events.on("job:failed", ({ job, error }) => {
    if (job.attempts < job.max_attempts) return;
    const definition = definitions[job.task_identifier];
    logger.error({ job: job.task_identifier, attempts: job.attempts, err: error }, "job failed for good");
    const payload = definition?.payload.safeParse(job.payload);
    if (!definition?.onGiveUp || !payload?.success) return;
    definition
      .onGiveUp(payload.data, error)
      .catch((failure) => logger.error({ err: failure, job: job.task_identifier }, "job onGiveUp failed"));
  });
}

/** For /metrics: every attempt this instance ran, by task and outcome. */
function countJobRuns(events: WorkerEvents) {
  events.on("job:success", ({ job }) => countJobRun(job.task_identifier, "succeeded"));
  events.on("job:failed", ({ job }) =>
    countJobRun(job.task_identifier, job.attempts < job.max_attempts ? "failed" : "gave_up"),
  );
}

export async function startJobRunner(options: JobRunnerOptions): Promise<Runner> {
  const definitions = options.definitions ?? jobDefinitions;
  const events: WorkerEvents = new EventEmitter();
  reportGiveUps(events, definitions);
  countJobRuns(events);
  return run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency ?? 4,
    maxPoolSize: (options.concurrency ?? 4) + 2,
    pollInterval: options.pollIntervalMs ?? 2_000,
    taskList: taskListOf(definitions),
    // Recurring jobs (graphile-worker's cron: each due run is added once across all instances), for the tasks here.
    parsedCronItems: parseCronItems(scheduledJobs.filter((item) => item.task in definitions)),
    logger: jobLogger,
    events,
    // The embedded database multiplexes every connection onto one session, where a named prepared statement outlives
    // the connection that made it and collides with the next runner's; unnamed statements cost little at our volume.
    noPreparedStatements: true,
    // Next and the launcher own the process's signals; the app stops the runner itself (see start-in-app.ts).
    noHandleSignals: true,
  });
}
