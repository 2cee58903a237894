// Page subscription as Meta does it: a Facebook integration that becomes active (created active, switched on, token
// replaced) gets its Page subscribed to the app's webhook fields by a background job; a refusal is stored with Meta's
// message and "Subscribe again" fixes it; deactivating and deleting unsubscribe. Real route handlers, a real job
// runner on the test database, and the fake Graph server playing Meta.
import { randomUUID } from "node:crypto";
import type { Runner } from "graphile-worker";
import { describe, expect, inject, it, vi } from "vitest";
import * as subscribeRoute from "@/app/organization-integration/[integration_id]/subscribe/route";
import { db } from "@/lib/db/prisma";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { pageSubscriptionJob } from "@/lib/messenger/jobs/page-subscription-job";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { FAKE_APP_ID } from "../helpers/fake-graph-subscriptions";
import { newPageId } from "../helpers/fake-meta-webhook";
import { createRoute, deleteRoute, detailRoute, toggleRoute, updateRoute } from "../helpers/routes";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import { createTestOrg, type TestOrg } from "../helpers/seed";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "1500");

let org: TestOrg;
let graph: FakeGraphServer;
let runner: Runner;

withOrgAndFakeGraph(
  async (setup) => {
    ({ org, graph } = setup);
    // Only this job: the runner must not take other files' jobs (downloads, profiles…) off the shared queue.
    runner = await startJobRunner({
      databaseUrl: inject("databaseUrl"),
      definitions: { "messenger.page-subscription": pageSubscriptionJob },
      pollIntervalMs: 100,
    });
  },
  async () => {
    await runner?.stop();
  },
);

const admin = () => bearer(org.keys.admin);
const FIELDS = SUBSCRIBED_FIELDS.join(",");
const newToken = () => `EAAB${randomUUID().replaceAll("-", "")}`;

async function createPage(options: { isActive?: boolean; token?: string; pageId?: string } = {}) {
  const pageId = options.pageId ?? newPageId();
  const token = options.token ?? newToken();
  graph.addPage(token, { id: pageId, name: `Page ${pageId}` });
  const response = await callRoute(createRoute.POST, {
    method: "POST",
    path: "/create-organization-integration",
    headers: admin(),
    body: {
      org_id: org.orgId,
      integration_type: "facebook",
      name: `Page ${pageId}`,
      access_token: token,
      api_base_url: graph.apiBaseUrl,
      config: { page_id: pageId },
      is_active: options.isActive ?? true,
    },
  });
  expect(response.status).toBe(201);
  return { id: response.json.integration.id as string, pageId, token, created: response.json.integration };
}

const detail = async (id: string) =>
  (
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${id}`,
      params: { integration_id: id },
      headers: admin(),
    })
  ).json.integration;
const subscriptionOf = async (id: string) => (await detail(id)).messenger.subscription;
const toggle = (id: string, active: boolean) =>
  callRoute(toggleRoute.POST, {
    method: "POST",
    path: "/toggle-organization-integration",
    body: { id, active },
    headers: admin(),
  });
const subscribeAgain = (id: string, key = org.keys.admin) =>
  callRoute(subscribeRoute.POST, {
    method: "POST",
    path: `/organization-integration/${id}/subscribe`,
    params: { integration_id: id },
    headers: bearer(key),
  });
const subscriptionCalls = (pageId: string, method?: string) =>
  graph.requests.filter(
    (request) => request.path === `/v21.0/${pageId}/subscribed_apps` && (!method || request.method === method),
  );

async function waitForStatus(id: string, status: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const subscription = await subscriptionOf(id);
    if (subscription.status === status) return subscription;
    if (Date.now() > deadline)
      throw new Error(`subscription stayed ${JSON.stringify(subscription)}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("subscribing the Page when the integration becomes active", () => {
  it("queues the job in the create's own transaction, with the integration id and nothing else", async () => {
    const { id } = await createPage({ isActive: false });
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    const rolledBack = new Error("rolled back on purpose");
    await expect(
      db().$transaction(async (tx) => {
        const pending = await schedulePageSubscription(tx, { ...row, isActive: false }, { ...row, isActive: true });
        expect(pending.subscriptionStatus).toBe("pending");
        const jobs = await tx.$queryRaw<{ payload: unknown; queue_name: string | null }[]>`
          SELECT jobs.payload, queues.queue_name FROM graphile_worker._private_jobs AS jobs
          LEFT JOIN graphile_worker._private_job_queues AS queues ON queues.id = jobs.job_queue_id
          WHERE jobs.key = ${`page-subscription:${id}`}`;
        expect(jobs).toEqual([{ payload: { integrationId: id }, queue_name: `page-subscription:${id}` }]);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await db().$queryRaw`SELECT 1 FROM graphile_worker.jobs WHERE key = ${`page-subscription:${id}`}`).toEqual(
      [],
    );
  });

  it("create with is_active: answers at once (pending), then the job subscribes every field with the Page token", async () => {
    const { id, pageId, token, created } = await createPage();
    expect(created.messenger.subscription).toMatchObject({ status: "pending", error: null });
    const subscription = await waitForStatus(id, "subscribed");
    expect(subscription.error).toBeNull();
    expect(Date.now() - Date.parse(subscription.checked_at)).toBeLessThan(60_000);
    expect(graph.pageSubscriptions(pageId)).toEqual([{ appId: FAKE_APP_ID, fields: [...SUBSCRIBED_FIELDS] }]);
    const [call] = subscriptionCalls(pageId, "POST");
    expect(call.query.get("subscribed_fields")).toBe(FIELDS);
    expect(call.headers.authorization).toBe(`Bearer ${token}`);
    expect(call.query.has("access_token")).toBe(false);
  });

  it("an inactive integration is not subscribed; switching it on subscribes, switching it off unsubscribes (DELETE)", async () => {
    const { id, pageId, token } = await createPage({ isActive: false });
    expect((await subscriptionOf(id)).status).toBeNull();
    expect((await toggle(id, true)).json.integration.messenger.subscription.status).toBe("pending");
    await waitForStatus(id, "subscribed");
    expect(graph.pageSubscriptions(pageId)).toHaveLength(1);

    expect((await toggle(id, false)).status).toBe(200);
    await waitForStatus(id, "unsubscribed");
    const [call] = subscriptionCalls(pageId, "DELETE");
    expect(call.headers.authorization).toBe(`Bearer ${token}`);
    expect(graph.pageSubscriptions(pageId)).toEqual([]);
  });

  it("a replaced Page token subscribes again with the new token; an edit of the name alone does not", async () => {
    const { id, pageId } = await createPage();
    await waitForStatus(id, "subscribed");
    const update = (body: Record<string, unknown>) =>
      callRoute(updateRoute.POST, {
        method: "POST",
        path: "/update-organization-integration",
        headers: admin(),
        body: { id, ...body },
      });
    expect((await update({ name: "Renamed" })).json.integration.messenger.subscription.status).toBe("subscribed");

    const replacement = newToken();
    graph.addPage(replacement, { id: pageId, name: "Same Page" });
    expect((await update({ access_token: replacement })).json.integration.messenger.subscription.status).toBe(
      "pending",
    );
    await waitForStatus(id, "subscribed");
    expect(subscriptionCalls(pageId, "POST").map((call) => call.headers.authorization)).toHaveLength(2);
    expect(subscriptionCalls(pageId, "POST")[1].headers.authorization).toBe(`Bearer ${replacement}`);
  });

  it("retries a temporary refusal with backoff and then subscribes", async () => {
    const pageId = newPageId();
    graph.failSubscribe(pageId, { message: "(#2) Service temporarily unavailable", code: 2, status: 503 }, 1);
    const { id } = await createPage({ pageId });
    const seen: { status: string; error: string | null }[] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && seen.at(-1)?.status !== "subscribed") {
      const { status, error } = await subscriptionOf(id);
      if (status !== seen.at(-1)?.status || error !== seen.at(-1)?.error) seen.push({ status, error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Between the attempts (≈ e^1 s apart) the integration says what happened and that it is trying again.
    // (The first poll may come before or after the first attempt: only what follows it is certain.)
    expect(seen.slice(-2)).toEqual([
      { status: "pending", error: "Facebook: (#2) Service temporarily unavailable (code 2) — trying again shortly" },
      { status: "subscribed", error: null },
    ]);
    expect(subscriptionCalls(pageId, "POST")).toHaveLength(2);
  }, 20_000);
});

describe("a refused subscription", () => {
  it("is stored with Meta's message, logged, never fails the create, and “Subscribe again” works once fixed", async () => {
    const token = newToken();
    // The Page token was generated without pages_manage_metadata: Meta refuses to subscribe (code 200).
    graph.setTokenInfo(token, { scopes: ["pages_show_list", "pages_messaging"] });
    const { id, pageId } = await createPage({ token });
    const failed = await waitForStatus(id, "failed");
    expect(failed.error).toBe(
      "Facebook: (#200) Requires pages_manage_metadata permission to manage the object (code 200)",
    );
    expect(subscriptionCalls(pageId, "POST")).toHaveLength(1); // a permission refusal is not retried
    const log = await db().messengerWebhookLog.findMany({ where: { integrationId: id, outcome: "job_failed" } });
    expect(log.map((entry) => entry.detail)).toEqual([
      `Subscribing Page ${pageId} to the app's webhook failed: ${failed.error}`,
    ]);

    // Still refused: answered (200, ok: false) with Meta's words, and stored.
    const refused = await subscribeAgain(id);
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({
      ok: false,
      error: failed.error,
      subscription: { status: "failed", error: failed.error },
    });

    graph.setTokenInfo(token, { scopes: ["pages_show_list", "pages_messaging", "pages_manage_metadata"] });
    const fixed = await subscribeAgain(id);
    expect(fixed.json).toMatchObject({ ok: true, subscription: { status: "subscribed", error: null } });
    expect(await subscriptionOf(id)).toMatchObject({ status: "subscribed", error: null });
    expect(graph.pageSubscriptions(pageId)).toEqual([{ appId: FAKE_APP_ID, fields: [...SUBSCRIBED_FIELDS] }]);
    expect(
      await db().auditEntry.count({ where: { targetId: id, action: "integration.page_subscription_requested" } }),
    ).toBe(2);
  });

  it("“Subscribe again” needs write access, an active Facebook integration with a Page ID", async () => {
    const { id } = await createPage({ isActive: false });
    expect((await subscribeAgain(id, org.keys.viewer)).status).toBe(403);
    expect((await subscribeAgain(id)).json).toEqual({
      error: "Activate the integration first: an inactive integration keeps its Page unsubscribed",
    });
    const other = await createTestOrg();
    expect((await subscribeAgain(id, other.keys.admin)).status).toBe(404);
    const hubspot = await callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      headers: admin(),
      body: {
        org_id: org.orgId,
        integration_type: "hubspot",
        name: "CRM",
        access_token: "pat-123456789",
        is_active: true,
      },
    });
    expect((await subscribeAgain(hubspot.json.integration.id)).status).toBe(400);
  });
});

describe("deleting", () => {
  const remove = (id: string) =>
    callRoute(deleteRoute.POST, {
      method: "POST",
      path: "/delete-organization-integration",
      body: { id },
      headers: admin(),
    });

  it("unsubscribes the Page before the row (and its token) are gone", async () => {
    const { id, pageId, token } = await createPage();
    await waitForStatus(id, "subscribed");
    expect((await remove(id)).status).toBe(200);
    const [call] = subscriptionCalls(pageId, "DELETE");
    expect(call.headers.authorization).toBe(`Bearer ${token}`);
    expect(graph.pageSubscriptions(pageId)).toEqual([]);
  });

  it("goes ahead within a few seconds when Meta does not answer", async () => {
    const { id, pageId, token } = await createPage();
    await waitForStatus(id, "subscribed");
    graph.addPage(token, { id: pageId, name: "Hanging" }, { hangs: true });
    const started = Date.now();
    expect((await remove(id)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await db().integration.findUnique({ where: { id } })).toBeNull();
  });

  it("leaves the Page subscribed while another active integration uses it", async () => {
    const pageId = newPageId();
    const first = await createPage({ pageId });
    const second = await createPage({ pageId });
    await Promise.all([waitForStatus(first.id, "subscribed"), waitForStatus(second.id, "subscribed")]);
    expect((await toggle(first.id, false)).status).toBe(200);
    await waitForStatus(first.id, "unsubscribed");
    expect((await remove(first.id)).status).toBe(200);
    expect(subscriptionCalls(pageId, "DELETE")).toEqual([]);
    expect(graph.pageSubscriptions(pageId)).toHaveLength(1);
  });
});
