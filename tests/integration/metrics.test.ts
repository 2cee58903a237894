// GET /metrics as Prometheus and an attacker see it: off (404) until METRICS_TOKEN is set, then only for that bearer
// token; request metrics labelled by route pattern, so ids sent by clients never become series; webhook, job, queue,
// pool, send, refresh and SSE metrics counted from the real code paths.
import { randomUUID } from "node:crypto";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { z } from "zod";
import { parseServerEnv, ServerConfigError } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDefinitions, JobName } from "@/lib/jobs/job-registry";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { countSendOutcome, countTokenRefresh, trackSseStream } from "@/lib/metrics/app-metrics";
import { bearer, callRoute } from "../helpers/call-route";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
} from "../helpers/fake-meta-webhook";
import { detailRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

const TOKEN = `metrics-${randomUUID()}`;

/** The route as a fresh server process would load it, with METRICS_TOKEN as given (settings are read once). */
async function metricsRouteWith(token: string | undefined) {
  vi.resetModules();
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  return import("@/app/metrics/route");
}

async function scrape(headers: Record<string, string> = bearer(TOKEN)) {
  const route = await metricsRouteWith(TOKEN);
  return callRoute(route.GET, { path: "/metrics", headers });
}

type Sample = { name: string; labels: Record<string, string>; value: number };

function samples(text: string): Sample[] {
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  return found.reduce((sum, s) => sum + s.value, 0);
}

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});
afterAll(() => {
  delete process.env.METRICS_TOKEN;
});

describe("access to /metrics", () => {
  it("does not exist while METRICS_TOKEN is unset", async () => {
    const route = await metricsRouteWith(undefined);
    const response = await callRoute(route.GET, { path: "/metrics", headers: bearer("anything-at-all-123") });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: "Not found" });
  });

  it("answers 401 without the token, with another token, or with the token outside a bearer header", async () => {
    for (const headers of [
      {},
      bearer(`${TOKEN}x`),
      bearer(TOKEN.slice(0, -1)),
      bearer("short"),
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ]) {
      const response = await scrape(headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.json).toEqual({ error: "A valid metrics token is required" });
      expect(response.text).not.toContain("http_request_duration_seconds");
    }
  });

  it("serves Prometheus text to the bearer of the token, never cached", async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.text).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(() => samples(response.text)).not.toThrow();
  });

  it("refuses to start with a guessable token", () => {
    const base = { ENCRYPTION_KEY: process.env.ENCRYPTION_KEY, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
    expect(() => parseServerEnv({ ...base, METRICS_TOKEN: "secret" })).toThrow(ServerConfigError);
    expect(parseServerEnv({ ...base, METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
  });
});

describe("request metrics", () => {
  it("label each request with its route pattern, so ids chosen by a client never become series", async () => {
    const integration = await createFacebookIntegration(org);
    const ids = [integration.id, randomUUID(), randomUUID(), "not-a-uuid-at-all", "%3Cscript%3E"];
    for (const id of ids) {
      await callRoute(detailRoute.GET, {
        path: `/organization-integration/${id}`,
        params: { integration_id: decodeURIComponent(id) },
        headers: bearer(org.keys.viewer),
      });
    }
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${randomUUID()}`,
      params: { integration_id: "x" },
      headers: {},
    });
    const { text } = await scrape();
    for (const id of ids) expect(text).not.toContain(decodeURIComponent(id));
    const routes = new Set(
      samples(text)
        .filter((s) => s.name === "http_request_duration_seconds_count")
        .map((s) => s.labels.route),
    );
    expect(routes).toContain("/organization-integration/[integration_id]");
    for (const route of routes) expect(route).toMatch(/^(\/[a-z0-9.-]+|\/\[[a-z_.]+\])+$|^other$/);
    const detail = { method: "GET", route: "/organization-integration/[integration_id]" };
    expect(valueOf(text, "http_request_duration_seconds_count", { ...detail, status: "200" })).toBeGreaterThanOrEqual(
      1,
    );
    expect(valueOf(text, "http_request_duration_seconds_count", { ...detail, status: "404" })).toBeGreaterThanOrEqual(
      2,
    );
    // A params value that is nowhere in the path (it cannot be attributed) is "other", not the raw path.
    expect(
      valueOf(text, "http_request_duration_seconds_count", { route: "other", status: "401" }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe("webhook metrics", () => {
  it("count deliveries accepted and rejected, and events stored and deduplicated", async () => {
    const before = (await scrape()).text;
    const appSecret = `app-secret-${randomUUID()}`;
    const page = await createFacebookIntegration(org, { appSecret });
    const batch = payloadFor(page.pageId, [
      messageEvent(page.pageId, newPsid()),
      messageEvent(page.pageId, newPsid()),
      messageEvent(page.pageId, newPsid()),
    ]);
    expect((await postWebhook(org.orgId, batch, { secret: appSecret })).status).toBe(200);
    expect((await postWebhook(org.orgId, batch, { secret: appSecret })).status).toBe(200); // Meta redelivers
    expect((await postWebhook(org.orgId, batch, { secret: "forged" })).status).toBe(401);
    const after = (await scrape()).text;
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta("messenger_webhook_deliveries_total", { outcome: "accepted" })).toBe(2);
    expect(delta("messenger_webhook_deliveries_total", { outcome: "rejected" })).toBe(1);
    expect(delta("messenger_webhook_events_total", { outcome: "stored" })).toBe(3);
    expect(delta("messenger_webhook_events_total", { outcome: "deduplicated" })).toBe(3);
  });
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
    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
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
