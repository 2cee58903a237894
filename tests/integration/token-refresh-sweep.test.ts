// The background sweep as two app instances run it: two job runners (separate worker pools and connections) on one
// database, each instance sweeping at the same moment (twice), plus a second, key-less refresh job per token (a
// retry racing a sweep). Every due token gets exactly one refresh grant; tokens not due get none.
import { randomBytes, randomUUID } from "node:crypto";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { sealSecret } from "@/lib/integrations/integration-secrets";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { REFRESH_JOB, sweepTokens, tokenRefreshJob } from "@/lib/token-refresh/refresh-sweep";
import { startFakeSalesforceServer, type FakeSalesforceServer } from "../helpers/fake-salesforce-server";
import { createTestOrg, type TestOrg } from "../helpers/seed";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "5000");

let org: TestOrg;
let salesforce: FakeSalesforceServer;
let runners: Runner[] = [];
beforeAll(async () => {
  org = await createTestOrg();
  salesforce = await startFakeSalesforceServer();
});
afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await salesforce.close();
  vi.unstubAllEnvs();
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const inMs = (ms: number) => new Date(Date.now() + ms);
const token = () => randomBytes(12).toString("hex");

async function seed(columns: {
  hasAccessToken?: boolean;
  tokenExpiresAt?: Date;
  lastRefreshedAt?: Date;
  needsReauth?: boolean;
}) {
  const id = randomUUID();
  const refreshToken = `5Aep${token()}`;
  const client = { clientId: `3MVG${token()}`, clientSecret: token() };
  salesforce.addRefreshToken(refreshToken, client);
  const accessToken = `00D${token()}`;
  salesforce.addAccessToken(accessToken);
  await db().integration.create({
    data: {
      id,
      orgId: org.orgId,
      integrationType: "salesforce",
      name: `sweep ${token()}`,
      apiBaseUrl: salesforce.origin,
      apiKey: sealSecret(id, "apiKey", client.clientId),
      apiSecret: sealSecret(id, "apiSecret", client.clientSecret),
      refreshToken: sealSecret(id, "refreshToken", refreshToken),
      accessToken: columns.hasAccessToken === false ? null : sealSecret(id, "accessToken", accessToken),
      tokenExpiresAt: columns.tokenExpiresAt ?? null,
      lastRefreshedAt: columns.lastRefreshedAt ?? null,
      needsReauth: columns.needsReauth ?? false,
      config: { instance_url: salesforce.origin },
    },
  });
  return { id, refreshToken };
}

async function pendingJobsFor(ids: string[]): Promise<number> {
  const rows = await db().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM graphile_worker._private_jobs WHERE payload->>'integrationId' = ANY(${ids}::text[])`;
  return rows[0].count;
}

describe("the token refresh sweep on two instances", () => {
  it("refreshes each due token exactly once, and no other", { timeout: 120_000 }, async () => {
    const due = [
      ...(await Promise.all(Array.from({ length: 4 }, () => seed({ hasAccessToken: false })))),
      // within TOKEN_REFRESH_LEAD_MS (10 minutes)
      ...(await Promise.all(
        Array.from({ length: 3 }, () => seed({ tokenExpiresAt: inMs(5 * MINUTE), lastRefreshedAt: inMs(-DAY) })),
      )),
      // Salesforce expires unused refresh tokens: touched after 7 days without a refresh
      ...(await Promise.all(
        Array.from({ length: 2 }, () => seed({ tokenExpiresAt: inMs(60 * MINUTE), lastRefreshedAt: inMs(-8 * DAY) })),
      )),
    ];
    const notDue = [
      await seed({ tokenExpiresAt: inMs(60 * MINUTE), lastRefreshedAt: inMs(-DAY) }),
      await seed({ hasAccessToken: false, needsReauth: true }),
    ];
    salesforce.setTokenDelayMs(500); // refreshes overlap, as they would between busy instances

    // Two instances: each has its own runner (own pool and connections), both sweep at once, twice.
    runners = await Promise.all(
      [0, 1].map(() =>
        startJobRunner({
          databaseUrl: inject("databaseUrl"),
          definitions: { [REFRESH_JOB]: tokenRefreshJob },
          concurrency: 5,
          pollIntervalMs: 100,
        }),
      ),
    );
    const queued = await Promise.all([sweepTokens({ orgId: org.orgId }), sweepTokens({ orgId: org.orgId })]);
    expect(queued).toEqual([due.length, due.length]);
    // A key-less second job per token, as a retry racing the sweep would be: the row claim, not the job key, stops it.
    for (const { id } of due) await enqueueJob(db(), REFRESH_JOB, { integrationId: id });
    await sweepTokens({ orgId: org.orgId });

    const ids = [...due, ...notDue].map(({ id }) => id);
    const deadline = Date.now() + 60_000;
    while ((await pendingJobsFor(ids)) > 0) {
      if (Date.now() > deadline) throw new Error("refresh jobs did not finish");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(due.map(({ refreshToken }) => salesforce.grantsFor(refreshToken))).toEqual(due.map(() => 1));
    expect(notDue.map(({ refreshToken }) => salesforce.grantsFor(refreshToken))).toEqual([0, 0]);
    const rows = await db().integration.findMany({ where: { id: { in: due.map(({ id }) => id) } } });
    expect(
      rows.every(
        (row) => row.lastRefreshedAt && row.tokenExpiresAt && row.tokenExpiresAt.getTime() > Date.now() + 60 * MINUTE,
      ),
    ).toBe(true);
    // Nothing is due any more: the next sweep queues nothing.
    expect(await sweepTokens({ orgId: org.orgId })).toBe(0);
  });
});
