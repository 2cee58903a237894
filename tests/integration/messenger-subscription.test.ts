// Page subscription as Meta does it: a Facebook integration that becomes active (created active, switched on, token
// replaced) gets its Page subscribed to the app's webhook fields by a background job. Real route handlers, a real job
// runner on the test database, and the fake Graph server playing Meta.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { FAKE_APP_ID } from "../helpers/fake-graph-subscriptions";
import { newAccessToken, newPageId } from "../helpers/fake-meta-webhook";
import { withPageSubscriptions } from "../helpers/page-subscription";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "1500");

let graph: FakeGraphServer;
const { admin, createPage, subscriptionOf, waitForStatus, toggle, subscriptionCalls } = withPageSubscriptions(
  (setup) => ({ graph } = setup),
);
const FIELDS = SUBSCRIBED_FIELDS.join(",");

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
    const update = (body: Record<string, unknown>) => admin().update({ id, ...body });
    expect((await update({ name: "Renamed" })).json.integration.messenger.subscription.status).toBe("subscribed");

    const replacement = newAccessToken();
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
