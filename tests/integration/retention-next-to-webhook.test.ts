// Retention next to the webhook: pruning never waits for a webhook that holds a thread or the integration row (row
// locks: PostgreSQL only), and webhooks arriving while it runs are stored and counted correctly.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { pruneIntegrationMessages } from "@/lib/messenger/retention/prune-messages";
import { messageEvent, newPsid, payloadFor, postWebhook } from "../helpers/fake-meta-webhook";
import { conversationState, daysAgo, seedMessages } from "../helpers/inbox-seed";
import { withOrg } from "../helpers/org-with-fake-graph";
import { expectConversationsConsistent, pageWithRetention } from "../helpers/retention-pages";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
withOrg((created) => (org = created));

describe("pruning next to the webhook", () => {
  // Row locks that make a webhook wait exist only on PostgreSQL (the embedded database runs one statement at a time).
  if (inject("databaseKind") === "postgres")
    it("skips a thread a webhook is storing into instead of waiting for it", async () => {
      const page = await pageWithRetention(org, 30);
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
      const page = await pageWithRetention(org, 30);
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
    const page = await pageWithRetention(org, 30, appSecret);
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
