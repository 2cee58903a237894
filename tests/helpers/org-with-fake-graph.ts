// The set-up most Messenger test files share: one fresh org, and (most often) a fake Graph API server for its Pages.
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, inject, vi } from "vitest";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { startFakeGraphServer, type FakeGraphServer } from "./fake-graph-server";
import { createTestOrg, type TestOrg } from "./seed";

export type OrgWithFakeGraph = { org: TestOrg; graph: FakeGraphServer };

/**
 * Registers the file's beforeAll/afterAll: `ready` receives the org and the server once both exist (a file may start
 * more there, e.g. a job runner), `stop` runs before the server closes; the file's env stubs are undone at the end.
 */
export function withOrgAndFakeGraph(ready: (setup: OrgWithFakeGraph) => unknown, stop?: () => Promise<void>): void {
  let graph: FakeGraphServer | undefined;
  beforeAll(async () => {
    const org = await createTestOrg();
    graph = await startFakeGraphServer();
    await ready({ org, graph });
  });
  afterAll(async () => {
    await stop?.();
    await graph?.close();
    vi.unstubAllEnvs();
  });
}

/** Registers the file's beforeAll creating one fresh org (handed to `ready`); the file's env stubs are undone at the end. */
export function withOrg(ready: (org: TestOrg) => unknown): void {
  beforeAll(async () => {
    await ready(await createTestOrg());
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}

/** withOrgAndFakeGraph plus a real job runner (retries and background sends are jobs), stopped before the server. */
export function withOrgGraphAndRunner(ready: (setup: OrgWithFakeGraph) => void): void {
  let runner: Runner | undefined;
  withOrgAndFakeGraph(
    async (setup) => {
      ready(setup);
      runner = await startJobRunner({ databaseUrl: inject("databaseUrl"), pollIntervalMs: 100 });
    },
    async () => {
      await runner?.stop();
    },
  );
}
