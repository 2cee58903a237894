// One job runner per app process, started by Next's instrumentation hook and stopped before the process exits, so a
// job in progress finishes (or is released) rather than staying locked until graphile-worker's lock timeout.
import type { Runner } from "graphile-worker";
import { envSetting, serverEnv } from "@/lib/config/server-env";
import { logger } from "@/lib/logging/logger";
import { startJobRunner } from "./job-runner";

const globalForJobs = globalThis as unknown as { jobRunner?: Promise<Runner> };

export async function startJobsInApp(): Promise<void> {
  const databaseUrl = envSetting("DATABASE_URL");
  if (!serverEnv().JOBS_ENABLED || !databaseUrl || globalForJobs.jobRunner) return;
  globalForJobs.jobRunner = startJobRunner({ databaseUrl });
  const runner = await globalForJobs.jobRunner;
  logger.info("background job runner started");
  // The token refresh sweep re-adds itself after each run; this starts the chain (or keeps the one already waiting).
  const { scheduleTokenSweep } = await import("@/lib/token-refresh/refresh-sweep");
  await scheduleTokenSweep().catch((error) =>
    logger.warn({ err: error }, "could not schedule the token refresh sweep"),
  );
  const stop = () =>
    void runner.stop().catch((error) => logger.warn({ err: error }, "job runner did not stop cleanly"));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
