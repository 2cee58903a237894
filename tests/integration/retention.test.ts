// Retention: per integration, messages and attachments older than config.retention_days are deleted by a daily job,
// in small batches, while conversation rows stay right (counts, unread, last message, emptied conversations gone);
// the inbox event log is kept a day. It never waits for a webhook that holds a thread, and webhooks arriving while it
// runs are stored and counted correctly.
import { randomUUID } from "node:crypto";
import { parseCronItems, type Runner } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { jobDefinitions } from "@/lib/jobs/job-registry";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { scheduledJobs } from "@/lib/jobs/job-schedule";
import { pruneIntegrationMessages } from "@/lib/messenger/retention/prune-messages";
import { runRetention } from "@/lib/messenger/retention/retention-job";
import { bearer, callRoute } from "../helpers/call-route";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { conversationState, daysAgo, seedMessages } from "../helpers/inbox-seed";
import { updateRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

const setRetention = (page: FacebookFixture, retention: unknown) =>
  callRoute(updateRoute.POST, {
    method: "POST",
    path: "/update-organization-integration",
    headers: bearer(org.keys.admin),
    body: { id: page.id, config: { page_id: page.pageId, retention_days: retention } },
  });

async function pageWithRetention(days: number | null, appSecret?: string) {
  const page = await createFacebookIntegration(org, { appSecret });
  if (days !== null) expect((await setRetention(page, days)).status).toBe(200);
  return page;
}

/** Every conversation of the integration agrees with its messages. */
async function expectConversationsConsistent(integrationId: string) {
  const rows = await db().$queryRaw<{ psid: string; problem: string }[]>`
    SELECT c.psid, 'count ' || c.messages_count || ' vs ' || count(m.id) AS problem
    FROM messenger_conversations c LEFT JOIN messenger_messages m ON m.integration_id = c.integration_id AND m.psid = c.psid
    WHERE c.integration_id = ${integrationId}::uuid
    GROUP BY c.integration_id, c.psid, c.messages_count, c.last_message_id
    HAVING count(m.id) <> c.messages_count OR count(m.id) = 0
      OR c.last_message_id IS DISTINCT FROM (SELECT id FROM messenger_messages l WHERE l.integration_id = c.integration_id AND l.psid = c.psid ORDER BY timestamp DESC, id DESC LIMIT 1)`;
  expect(rows).toEqual([]);
}

describe("config.retention_days", () => {
  it("accepts whole days from 1, and nothing else", async () => {
    const page = await createFacebookIntegration(org);
    for (const bad of [0, -3, 1.5, "30", null]) expect((await setRetention(page, bad)).status, String(bad)).toBe(400);
    const { status, json } = await setRetention(page, 1);
    expect(status).toBe(200);
    expect(json.integration.config.retention_days).toBe(1);
  });
});

describe("pruning", () => {
  it("deletes only what is older than each integration's retention and keeps the conversation rows right", async () => {
    const page = await pageWithRetention(30);
    const keepsAll = await pageWithRetention(null);
    const [alice, bob, carol] = [newPsid(), newPsid(), newPsid()];
    await seedMessages(page.id, page.pageId, [
      { psid: alice, at: daysAgo(40) },
      { psid: alice, at: daysAgo(39), withAttachment: true },
      { psid: alice, at: daysAgo(38) },
      { psid: alice, at: daysAgo(1) },
      { psid: alice, at: daysAgo(0.05), direction: "outbound", text: "newest" },
      { psid: bob, at: daysAgo(60), withAttachment: true },
      { psid: bob, at: daysAgo(31), direction: "outbound" },
      { psid: carol, at: daysAgo(2) },
    ]);
    await seedMessages(keepsAll.id, keepsAll.pageId, [{ psid: alice, at: daysAgo(400) }]);
    // The team read alice's thread 38.5 days ago: the 38-day-old message and yesterday's are unread.
    await db().messengerConversation.update({
      where: { integrationId_psid: { integrationId: page.id, psid: alice } },
      data: { lastReadAt: daysAgo(38.5), unreadCount: 2 },
    });
    await db().messengerAttachment.create({
      data: { integrationId: page.id, psid: bob, type: "avatar", status: "stored", data: Buffer.from("img") },
    });
    const aliceBefore = await conversationState(page.id, alice);

    const summary = await runRetention({ batchSize: 2 });
    expect(summary.messagesDeleted).toBeGreaterThanOrEqual(5);

    const aliceAfter = await conversationState(page.id, alice);
    expect(aliceAfter.messages.map((m) => m.timestamp.getTime())).toEqual(
      aliceBefore.messages.slice(0, 2).map((m) => m.timestamp.getTime()),
    );
    expect(aliceAfter.conversation).toMatchObject({
      messagesCount: 2,
      unreadCount: 1,
      lastMessageId: aliceBefore.conversation!.lastMessageId,
      lastMessagePreview: "newest",
    });
    expect((await conversationState(page.id, bob)).conversation).toBeNull();
    expect((await conversationState(page.id, carol)).conversation).toMatchObject({ messagesCount: 1 });
    expect(await db().messengerAttachment.count({ where: { integrationId: page.id } })).toBe(0); // message attachments and bob's picture
    expect((await conversationState(keepsAll.id, alice)).conversation).toMatchObject({ messagesCount: 1 });
    await expectConversationsConsistent(page.id);
  });

  it("works in batches, and puts the newest remaining message back as last where the last one was deleted", async () => {
    const page = await pageWithRetention(30);
    const dan = newPsid();
    await seedMessages(page.id, page.pageId, [
      ...[50, 49, 48, 47, 46].map((days) => ({ psid: dan, at: daysAgo(days) })),
      { psid: dan, at: daysAgo(3), text: "kept" },
    ]);
    // A row left pointing at an old message (e.g. written by an older version): deleting that one recomputes it.
    const oldest = (await conversationState(page.id, dan)).messages.at(-1)!;
    await db().messengerConversation.update({
      where: { integrationId_psid: { integrationId: page.id, psid: dan } },
      data: { lastMessageId: oldest.id, lastMessageAt: oldest.timestamp, lastMessagePreview: "stale" },
    });
    const result = await pruneIntegrationMessages({ integrationId: page.id, olderThan: daysAgo(30), batchSize: 2 });
    expect(result).toMatchObject({ messagesDeleted: 5, batches: 3, conversationsDeleted: 0, isComplete: true });
    const after = await conversationState(page.id, dan);
    expect(after.conversation).toMatchObject({
      messagesCount: 1,
      lastMessageId: after.newest!.id,
      lastMessagePreview: "kept",
    });
  });

  it("keeps the inbox event log for a day", async () => {
    const page = await pageWithRetention(null);
    const [old, fresh] = await db().$transaction([
      db().messengerEvent.create({
        data: { integrationId: page.id, type: "conversation", ref: "1", createdAt: daysAgo(1.1) },
      }),
      db().messengerEvent.create({
        data: { integrationId: page.id, type: "conversation", ref: "2", createdAt: daysAgo(0.9) },
      }),
    ]);
    await runRetention();
    expect(
      await db().messengerEvent.findMany({ where: { id: { in: [old.id, fresh.id] } }, select: { id: true } }),
    ).toEqual([{ id: fresh.id }]);
  });
});

describe("pruning next to the webhook", () => {
  // Row locks that make a webhook wait exist only on PostgreSQL (the embedded database runs one statement at a time).
  if (inject("databaseKind") === "postgres")
    it("skips a thread a webhook is storing into instead of waiting for it", async () => {
      const page = await pageWithRetention(30);
      const [busy, idle] = [newPsid(), newPsid()];
      await seedMessages(
        page.id,
        page.pageId,
        [busy, busy, idle].map((psid) => ({ psid, at: daysAgo(45) })),
      );
      const webhook = new pg.Client({ connectionString: inject("databaseUrl") });
      await webhook.connect();
      try {
        // What the webhook's upsert holds while it stores a message of `busy`.
        await webhook.query("BEGIN");
        await webhook.query(
          "SELECT 1 FROM messenger_conversations WHERE integration_id = $1 AND psid = $2 FOR UPDATE",
          [page.id, busy],
        );
        const startedAt = Date.now();
        const result = await pruneIntegrationMessages({ integrationId: page.id, olderThan: daysAgo(30) });
        expect(Date.now() - startedAt).toBeLessThan(1_500); // not even the 2 s lock timeout
        expect(result).toMatchObject({ messagesDeleted: 1, skippedPeople: 1 });
        await webhook.query("COMMIT");
      } finally {
        await webhook.end();
      }
      expect(await pruneIntegrationMessages({ integrationId: page.id, olderThan: daysAgo(30) })).toMatchObject({
        messagesDeleted: 2,
        conversationsDeleted: 1,
      });
    });

  if (inject("databaseKind") === "postgres")
    it("does not wait for the integration row a webhook holds for its whole delivery", async () => {
      const page = await pageWithRetention(30);
      const [kept, emptied] = [newPsid(), newPsid()];
      await seedMessages(page.id, page.pageId, [
        { psid: kept, at: daysAgo(50) },
        { psid: kept, at: daysAgo(2) },
        { psid: emptied, at: daysAgo(40) },
      ]);
      // A row pointing at its old message, so the batch recomputes a last message too (the most it ever writes).
      const old = (await conversationState(page.id, kept)).messages.at(-1)!;
      await db().messengerConversation.update({
        where: { integrationId_psid: { integrationId: page.id, psid: kept } },
        data: { lastMessageId: old.id, lastMessageAt: old.timestamp },
      });
      const webhook = new pg.Client({ connectionString: inject("databaseUrl") });
      await webhook.connect();
      try {
        await webhook.query("BEGIN");
        await webhook.query("SELECT is_active FROM integrations WHERE id = $1 FOR UPDATE", [page.id]);
        const pruning = pruneIntegrationMessages({ integrationId: page.id, olderThan: daysAgo(30) });
        // The batch commits while the webhook still holds the row (only telling the live stream waits for it after).
        const oldLeft = () =>
          db().messengerMessage.count({ where: { integrationId: page.id, timestamp: { lt: daysAgo(30) } } });
        const deadline = Date.now() + 1_500;
        while ((await oldLeft()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await oldLeft()).toBe(0);
        await webhook.query("COMMIT");
        expect(await pruning).toMatchObject({ messagesDeleted: 2, conversationsDeleted: 1, skippedPeople: 0 });
      } finally {
        await webhook.end();
      }
      await expectConversationsConsistent(page.id);
    });

  it("lets signed webhook deliveries into the same threads through while it prunes, and counts them right", async () => {
    const appSecret = `app-secret-${randomUUID()}`;
    const page = await pageWithRetention(30, appSecret);
    const people = Array.from({ length: 40 }, () => newPsid());
    await seedMessages(
      page.id,
      page.pageId,
      people.flatMap((psid) => Array.from({ length: 25 }, (_, i) => ({ psid, at: daysAgo(60 - i) }))),
    );
    const acks: number[] = [];
    const deliveries = (async () => {
      for (let round = 0; round < 10; round += 1) {
        const batch = payloadFor(
          page.pageId,
          people.slice(round * 4, round * 4 + 4).map((psid) => messageEvent(page.pageId, psid)),
        );
        const startedAt = performance.now();
        expect((await postWebhook(org.orgId, batch, { secret: appSecret })).status).toBe(200);
        acks.push(performance.now() - startedAt);
      }
    })();
    const [summary] = await Promise.all([
      pruneIntegrationMessages({ integrationId: page.id, olderThan: daysAgo(30), batchSize: 100, pauseMs: 5 }),
      deliveries,
    ]);
    // Figures for docs/operations.md (the machine is shared, so no timing is asserted here).
    acks.sort((a, b) => a - b);
    console.info(
      `[retention] ${inject("databaseKind")}: pruned ${summary.messagesDeleted} in ${summary.batches} batches; webhook ack p50 ${acks[5].toFixed(0)} ms, max ${acks[9].toFixed(0)} ms`,
    );
    const remaining = await pruneIntegrationMessages({ integrationId: page.id, olderThan: daysAgo(30) });
    expect(summary.messagesDeleted + remaining.messagesDeleted).toBe(1_000);
    expect(await db().messengerMessage.count({ where: { integrationId: page.id } })).toBe(40);
    await expectConversationsConsistent(page.id);
  });
});

describe("the daily job", () => {
  let runner: Runner | undefined;
  afterAll(async () => {
    await runner?.stop();
  });

  it("is scheduled daily, once across instances, and prunes when it runs", async () => {
    const [item] = parseCronItems(scheduledJobs.filter((entry) => entry.task === "retention.prune"));
    expect(item).toMatchObject({
      task: "retention.prune",
      identifier: "retention.prune",
      options: { queueName: "retention" },
    });
    const at = (hour: number, min: number) => item.match({ min, hour, date: 1, month: 1, dow: 1 });
    expect([at(3, 17), at(3, 16), at(4, 17), at(15, 17)]).toEqual([true, false, false, false]);
    const page = await pageWithRetention(7);
    const erin = newPsid();
    await seedMessages(page.id, page.pageId, [{ psid: erin, at: daysAgo(8) }]);
    await enqueueJob(db(), "retention.prune", {}, { jobKey: "retention.prune", queueName: "retention" });
    runner = await startJobRunner({
      databaseUrl: inject("databaseUrl"),
      definitions: { "retention.prune": jobDefinitions["retention.prune"] },
      pollIntervalMs: 100,
    });
    const deadline = Date.now() + 20_000;
    while ((await db().messengerMessage.count({ where: { integrationId: page.id } })) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await db().messengerMessage.count({ where: { integrationId: page.id } })).toBe(0);
    expect((await conversationState(page.id, erin)).conversation).toBeNull();
  });
});
