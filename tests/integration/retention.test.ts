// Retention: per integration, messages and attachments older than config.retention_days are deleted by a daily job,
// in small batches, while conversation rows stay right (counts, unread, last message, emptied conversations gone);
// the inbox event log is kept a day.
import { parseCronItems, type Runner } from "graphile-worker";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { jobDefinitions } from "@/lib/jobs/job-registry";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { scheduledJobs } from "@/lib/jobs/job-schedule";
import { pruneIntegrationMessages } from "@/lib/messenger/retention/prune-messages";
import { runRetention } from "@/lib/messenger/retention/retention-job";
import { createFacebookIntegration, newPsid } from "../helpers/fake-meta-webhook";
import { conversationState, daysAgo, seedMessages } from "../helpers/inbox-seed";
import { withOrg } from "../helpers/org-with-fake-graph";
import { expectConversationsConsistent, pageWithRetention, setRetention } from "../helpers/retention-pages";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
withOrg((created) => (org = created));

describe("config.retention_days", () => {
  it("accepts whole days from 1, and nothing else", async () => {
    const page = await createFacebookIntegration(org);
    for (const bad of [0, -3, 1.5, "30", null])
      expect((await setRetention(org, page, bad)).status, String(bad)).toBe(400);
    const { status, json } = await setRetention(org, page, 1);
    expect(status).toBe(200);
    expect(json.integration.config.retention_days).toBe(1);
  });
});

describe("pruning", () => {
  it("deletes only what is older than each integration's retention and keeps the conversation rows right", async () => {
    const page = await pageWithRetention(org, 30);
    const keepsAll = await pageWithRetention(org, null);
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
    const page = await pageWithRetention(org, 30);
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
    const page = await pageWithRetention(org, null);
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
    const page = await pageWithRetention(org, 7);
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
