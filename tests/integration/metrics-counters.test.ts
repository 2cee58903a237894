// Metrics counted by other modules (send outcomes, token refreshes, SSE streams), this instance's database pool, and
// the job queue and job runs, read through GET /metrics.
import type { Runner } from "graphile-worker";
import { afterAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDefinitions, JobName } from "@/lib/jobs/job-registry";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { countSendOutcome, countTokenRefresh, trackSseStream } from "@/lib/metrics/app-metrics";
import { deltaBetween, scrape, valueOf } from "../helpers/metrics-scrape";

afterAll(() => {
  delete process.env.METRICS_TOKEN;
});

describe("counters other modules call", () => {
  it("count send outcomes by Meta code (unknown codes as other), token refreshes and open SSE streams", async () => {
    const before = (await scrape()).text;
    countSendOutcome("sent");
    countSendOutcome(190);
    countSendOutcome(123456789);
    countTokenRefresh("invalid_grant", "salesforce");
    countTokenRefresh("refreshed", "made-up-provider");
    const closeFirst = trackSseStream();
    const closeSecond = trackSseStream();
    closeFirst();
    closeFirst(); // an abort and a close of the same stream
    const after = (await scrape()).text;
    const delta = deltaBetween(before, after);
    expect(delta("messenger_send_outcomes_total", { code: "sent" })).toBe(1);
    expect(delta("messenger_send_outcomes_total", { code: "190" })).toBe(1);
    expect(delta("messenger_send_outcomes_total", { code: "other" })).toBe(1);
    expect(after).not.toContain("123456789");
    expect(delta("integration_token_refreshes_total", { provider: "salesforce", outcome: "invalid_grant" })).toBe(1);
    expect(delta("integration_token_refreshes_total", { provider: "other", outcome: "refreshed" })).toBe(1);
    expect(delta("messenger_sse_streams_open", {})).toBe(1);
    closeSecond();
  });

  it("report this instance's database pool", async () => {
    await db().$queryRaw`SELECT 1`;
    const { text } = await scrape();
    expect(valueOf(text, "db_pool_connections", { state: "max" })).toBe(4);
    expect(valueOf(text, "db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, "db_pool_connections", { state: "idle" })).toBeLessThanOrEqual(
      valueOf(text, "db_pool_connections", { state: "total" }),
    );
  });
});

describe("job metrics", () => {
  const task = (name: string) => `test.metrics-${name}` as JobName;
  const definitions: JobDefinitions = {
    [task("ok")]: { payload: z.object({}), run: async () => {} },
    [task("broken")]: {
      payload: z.object({}),
      maxAttempts: 1,
      run: async () => Promise.reject(new Error("broken on purpose")),
    },
    [task("later")]: { payload: z.object({}), run: async () => {} },
  };
  let runner: Runner | undefined;
  afterAll(async () => {
    await runner?.stop();
    await db().$executeRawUnsafe(
      "DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier LIKE 'test.metrics-%')",
    );
  });

  it("count queued jobs by state at scrape time, and runs by outcome", async () => {
    await enqueueJob(db(), task("later"), {} as never, { runAt: new Date(Date.now() + 3_600_000) });
    await enqueueJob(db(), task("ok"), {} as never);
    await enqueueJob(db(), task("broken"), {} as never, { maxAttempts: 1 });
    const queued = (await scrape()).text;
    expect(valueOf(queued, "jobs_queue_depth", { task: task("later"), state: "scheduled" })).toBe(1);
    expect(valueOf(queued, "jobs_queue_depth", { task: task("ok"), state: "ready" })).toBe(1);

    runner = await startJobRunner({
      databaseUrl: inject("databaseUrl"),
      definitions,
      concurrency: 1,
      pollIntervalMs: 100,
    });
    const deadline = Date.now() + 15_000;
    let text = "";
    while (Date.now() < deadline) {
      text = (await scrape()).text;
      if (
        valueOf(text, "jobs_runs_total", { task: task("broken"), outcome: "gave_up" }) &&
        valueOf(text, "jobs_runs_total", { task: task("ok") })
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(valueOf(text, "jobs_runs_total", { task: task("ok"), outcome: "succeeded" })).toBe(1);
    expect(valueOf(text, "jobs_runs_total", { task: task("broken"), outcome: "gave_up" })).toBe(1);
    expect(valueOf(text, "jobs_queue_depth", { task: task("ok"), state: "ready" })).toBe(0);
    // Given up: kept by graphile-worker (until retention's housekeeping), shown as failed.
    expect(valueOf(text, "jobs_queue_depth", { task: task("broken"), state: "failed" })).toBe(1);
  });
});
