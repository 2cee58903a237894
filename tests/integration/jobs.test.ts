// The background job engine (graphile-worker on the app's own database), as several app instances use it: jobs added
// in a transaction exist only if it commits, each runs once however many runners there are, a job key collapses
// repeats, and a job that keeps failing is retried with backoff and then handed to its onGiveUp.
import { randomUUID } from "node:crypto";
import type { Runner } from "graphile-worker";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDefinitions, JobName } from "@/lib/jobs/job-registry";
import { startJobRunner } from "@/lib/jobs/job-runner";

const runs: string[] = [];
const gaveUp: { id: string; message: string }[] = [];
const failing = new Map<string, number>();

// Test-only jobs: the registry's names are typed, so these are added under names the app never uses.
const definitions: JobDefinitions = {
  "test.record": { payload: z.object({ id: z.string() }), run: async ({ id }: { id: string }) => void runs.push(id) },
  "test.flaky": {
    payload: z.object({ id: z.string() }),
    maxAttempts: 2,
    run: async ({ id }: { id: string }) => {
      failing.set(id, (failing.get(id) ?? 0) + 1);
      throw new Error(`attempt ${failing.get(id)} failed`);
    },
    onGiveUp: async ({ id }: { id: string }, error: unknown) =>
      void gaveUp.push({ id, message: (error as Error).message }),
  },
};
const add = (name: string, payload: unknown, options = {}) =>
  enqueueJob(db(), name as JobName, payload as never, options);

let runners: Runner[] = [];
const startRunners = async (count: number) => {
  runners = await Promise.all(
    Array.from({ length: count }, () =>
      startJobRunner({ databaseUrl: inject("databaseUrl"), definitions, concurrency: 2, pollIntervalMs: 100 }),
    ),
  );
};
afterEach(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  runners = [];
});
afterAll(async () => {
  await db().$executeRawUnsafe(
    "DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier LIKE 'test.%')",
  );
});

async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for jobs");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("background jobs", () => {
  it("run each job once across three runners (three app instances)", async () => {
    const ids: string[] = Array.from({ length: 60 }, () => randomUUID());
    await db().$transaction(async (tx) => {
      for (const id of ids) await enqueueJob(tx, "test.record" as JobName, { id } as never);
    });
    await startRunners(3);
    await waitFor(() => ids.every((id) => runs.includes(id)));
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate run would land now
    expect(runs.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });

  it("never run a job whose transaction rolled back", async () => {
    const id = randomUUID();
    const marker = randomUUID();
    await db()
      .$transaction(async (tx) => {
        await enqueueJob(tx, "test.record" as JobName, { id } as never);
        throw new Error("rolled back");
      })
      .catch(() => {});
    await add("test.record", { id: marker });
    await startRunners(1);
    await waitFor(() => runs.includes(marker));
    expect(runs).not.toContain(id);
  });

  it("collapse jobs that share a job key into one", async () => {
    const key = `key-${randomUUID()}`;
    const [first, second]: string[] = [randomUUID(), randomUUID()];
    await add("test.record", { id: first }, { jobKey: key });
    await add("test.record", { id: second }, { jobKey: key });
    await startRunners(1);
    await waitFor(() => runs.includes(second));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runs).not.toContain(first);
  });

  it("retry a failing job with backoff, then hand it to onGiveUp once", async () => {
    const id = randomUUID();
    await add("test.flaky", { id }, { maxAttempts: 2 });
    await startRunners(2);
    await waitFor(() => gaveUp.some((entry) => entry.id === id), 20_000);
    expect(failing.get(id)).toBe(2);
    expect(gaveUp.filter((entry) => entry.id === id)).toEqual([{ id, message: "attempt 2 failed" }]);
  }, 30_000);
});
