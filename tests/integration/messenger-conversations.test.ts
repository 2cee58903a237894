// The inbox list as conversation rows: kept by the transactions that store messages (redelivered, out-of-order and
// echo events included), paged newest first, unread counts and "mark read", and the migration's backfill agreeing
// with the maintained rows.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as readRoute from "@/app/organization-integration/[integration_id]/conversations/[psid]/read/route";
import * as conversationsRoute from "@/app/organization-integration/[integration_id]/conversations/route";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import {
  echoEvent,
  messageEvent,
  newMid,
  newPsid,
  payloadFor,
  postbackEvent,
  postWebhook,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { connectedPage } from "../helpers/messenger-replies";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;

withOrgAndFakeGraph((setup) => ({ org, graph } = setup));

const deliver = async (fb: FacebookFixture, events: Record<string, unknown>[]) => {
  const response = await postWebhook(org.orgId, payloadFor(fb.pageId, events), { secret: fb.appSecret });
  expect(response.status).toBe(200);
};
const listConversations = (id: string, query = "", key = org.keys.viewer) =>
  callRoute(conversationsRoute.GET, {
    path: `/organization-integration/${id}/conversations${query}`,
    params: { integration_id: id },
    headers: bearer(key),
  });
const markRead = (id: string, psid: string, key = org.keys.admin) =>
  callRoute(readRoute.POST, {
    method: "POST",
    path: `/organization-integration/${id}/conversations/${psid}/read`,
    params: { integration_id: id, psid },
    headers: bearer(key),
  });

type Row = {
  psid: string;
  last_message_id: string | null;
  last_message_at: Date | null;
  last_message_preview: string | null;
  last_message_direction: string | null;
  messages_count: number;
  last_inbound_at: Date | null;
};

const maintainedRows = (integrationId: string) =>
  db().$queryRaw<(Row & { unread_count: number })[]>`
    SELECT psid, last_message_id, last_message_at, last_message_preview, last_message_direction::text, messages_count, last_inbound_at, unread_count
    FROM messenger_conversations WHERE integration_id = ${integrationId}::uuid AND last_message_at IS NOT NULL ORDER BY psid`;

/** What the rows must say, computed the slow way from every stored message. */
const rowsFromMessages = (integrationId: string) =>
  db().$queryRaw<(Row & { inbound_count: number })[]>`
    SELECT DISTINCT ON (psid) psid, id AS last_message_id, timestamp AS last_message_at, direction::text AS last_message_direction,
      (count(*) OVER w)::int AS messages_count, (max(timestamp) FILTER (WHERE direction = 'inbound') OVER w) AS last_inbound_at,
      (count(*) FILTER (WHERE direction = 'inbound') OVER w)::int AS inbound_count
    FROM messenger_messages WHERE integration_id = ${integrationId}::uuid
    WINDOW w AS (PARTITION BY psid)
    ORDER BY psid, timestamp DESC, id DESC`;

function omit<T extends object>(row: T, ...keys: (keyof T)[]): Partial<T> {
  const copy = { ...row };
  for (const key of keys) delete copy[key];
  return copy;
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe("conversation rows", () => {
  it("stay equal to what the messages say under redelivery, any order, concurrency and echoes", async () => {
    const fb = await connectedPage(org, graph);
    const people = [newPsid(), newPsid(), newPsid(), newPsid()];
    const t = Date.UTC(2026, 10, 5, 9, 0, 0);
    const events = people.flatMap((psid, p) =>
      Array.from({ length: 8 }, (_, i) => {
        // Some share one instant (the id then decides which is last), echoes and postbacks in between.
        const timestamp = t + p * 10 + Math.floor(i / 2) * 1000;
        if (i % 4 === 3) return echoEvent(fb.pageId, psid, { text: `page→${p}.${i}`, timestamp });
        if (i === 5) return postbackEvent(fb.pageId, psid, `PAYLOAD_${p}`, timestamp);
        return messageEvent(fb.pageId, psid, { text: `${p}.${i}`, timestamp });
      }),
    );
    const mixed = shuffled(events, 7);
    // Three batches, newest first, then the whole lot twice at once, then one batch again.
    await deliver(fb, mixed.slice(20));
    await deliver(fb, mixed.slice(8, 20));
    await deliver(fb, mixed.slice(0, 8));
    await Promise.all([deliver(fb, mixed), deliver(fb, [...mixed].reverse())]);
    await deliver(fb, mixed.slice(5, 15));

    const expected = await rowsFromMessages(fb.id);
    expect(expected).toHaveLength(4);
    expect(expected.every((row) => row.messages_count === 8)).toBe(true);
    const rows = await maintainedRows(fb.id);
    expect(rows.map((row) => omit(row, "last_message_preview", "unread_count"))).toEqual(
      expected.map((row) => omit(row, "inbound_count")),
    );
    // Nobody read anything yet: every inbound message is unread, whatever was redelivered.
    expect(rows.map((row) => row.unread_count)).toEqual(expected.map((row) => row.inbound_count));

    // A late message older than everything: counted, never "last", and its window stays where it was.
    const [first] = people;
    const before = rows.find((row) => row.psid === first)!;
    await deliver(fb, [messageEvent(fb.pageId, first, { text: "late and old", timestamp: t - 60_000 })]);
    const after = (await maintainedRows(fb.id)).find((row) => row.psid === first)!;
    expect(after).toMatchObject({
      last_message_id: before.last_message_id,
      last_message_at: before.last_message_at,
      messages_count: 9,
      last_inbound_at: before.last_inbound_at,
    });
    expect(after.unread_count).toBe(before.unread_count + 1);
  });

  it("are what GET …/conversations lists, with unread counts, names, avatars, window and standby", async () => {
    const fb = await connectedPage(org, graph);
    const [alice, bob] = [newPsid(), newPsid()];
    const t = Date.now() - 60_000;
    await deliver(fb, [
      messageEvent(fb.pageId, alice, { text: "a1", timestamp: t }),
      messageEvent(fb.pageId, alice, { text: "a2", timestamp: t + 1 }),
      echoEvent(fb.pageId, bob, { text: "the Page wrote first", timestamp: t + 2 }),
    ]);
    const { status, json } = await listConversations(fb.id);
    expect(status).toBe(200);
    expect(json.next_before).toBeNull();
    expect(json.conversations).toEqual([
      {
        psid: bob,
        messages_count: 1,
        last_message_at: new Date(t + 2).toISOString(),
        last_message: expect.objectContaining({ text: "the Page wrote first", direction: "outbound" }),
        unread_count: 0,
        name: null,
        avatar_url: null,
        // Bob never wrote: there is no window to reply in.
        window_closes_at: null,
        is_in_standby: false,
      },
      expect.objectContaining({
        psid: alice,
        messages_count: 2,
        unread_count: 2,
        window_closes_at: new Date(t + 1 + 24 * 3600_000).toISOString(),
      }),
    ]);
    expect((await listConversations((await connectedPage(org, graph)).id)).json).toEqual({
      conversations: [],
      next_before: null,
    });
  });

  it("page newest first with next_before, across many conversations sharing one instant", async () => {
    const fb = await connectedPage(org, graph);
    const t = Date.UTC(2026, 10, 6, 9, 0, 0);
    const events = Array.from({ length: 25 }, (_, i) =>
      messageEvent(fb.pageId, newPsid(), { text: `p${i}`, timestamp: t + (i < 20 ? 0 : i) }),
    );
    await deliver(fb, events);
    const seen: { psid: string; last_message_at: string }[] = [];
    let query = "?limit=7";
    for (let page = 0; page < 10; page += 1) {
      const { status, json } = await listConversations(fb.id, query);
      expect(status).toBe(200);
      seen.push(...json.conversations);
      if (!json.next_before) break;
      expect(json.next_before).toBe(`${json.conversations.at(-1).last_message_at}~${json.conversations.at(-1).psid}`);
      query = `?limit=7&before=${encodeURIComponent(json.next_before)}`;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((c) => c.psid)).size).toBe(25);
    const order = [...seen].sort(
      (a, b) => b.last_message_at.localeCompare(a.last_message_at) || b.psid.localeCompare(a.psid),
    );
    expect(seen).toEqual(order);
    // A bare date: everything strictly older.
    const older = await listConversations(fb.id, `?before=${encodeURIComponent(new Date(t + 1).toISOString())}`);
    expect(older.json.conversations).toHaveLength(20);
    for (const bad of ["?before=yesterday", "?before=2026-01-01T00:00:00Z~abc", "?limit=0", "?limit=201"]) {
      expect((await listConversations(fb.id, bad)).status).toBe(400);
    }
  });
});

describe("POST …/conversations/{psid}/read", () => {
  it("clears the unread count for the team; later messages count again, a late old one does not", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    const t = Date.now() - 5000;
    await deliver(fb, [
      messageEvent(fb.pageId, psid, { text: "one", timestamp: t }),
      messageEvent(fb.pageId, psid, { text: "two", timestamp: t + 1 }),
      echoEvent(fb.pageId, psid, { text: "reply", timestamp: t + 2 }),
      messageEvent(fb.pageId, psid, { text: "three", timestamp: t + 3 }),
    ]);
    const unread = async () => (await listConversations(fb.id)).json.conversations[0].unread_count;
    expect(await unread()).toBe(3);

    // The read state is shared by the team: viewers may not clear it for everyone.
    expect(await markRead(fb.id, psid, org.keys.viewer)).toMatchObject({ status: 403 });
    const eventsBefore = await db().messengerEvent.count({
      where: { integrationId: fb.id, type: "conversation", ref: psid },
    });
    const { status, json } = await markRead(fb.id, psid);
    expect(status).toBe(200);
    expect(json.conversation).toMatchObject({ psid, unread_count: 0, messages_count: 4 });
    expect(await unread()).toBe(0);
    const row = await db().messengerConversation.findUniqueOrThrow({
      where: { integrationId_psid: { integrationId: fb.id, psid } },
    });
    expect(Date.now() - row.lastReadAt!.getTime()).toBeLessThan(10_000);
    // The live stream learns of it.
    expect(await db().messengerEvent.count({ where: { integrationId: fb.id, type: "conversation", ref: psid } })).toBe(
      eventsBefore + 1,
    );

    await deliver(fb, [
      messageEvent(fb.pageId, psid, { text: "four", timestamp: Date.now() + 1000 }),
      messageEvent(fb.pageId, psid, { text: "old", timestamp: t - 1000, mid: newMid() }),
    ]);
    expect(await unread()).toBe(1);
    expect((await markRead(fb.id, psid)).status).toBe(200);
    expect(await unread()).toBe(0);
  });

  it("answers 404 for a person without a conversation or another org's integration, 400 for a malformed psid", async () => {
    const fb = await connectedPage(org, graph);
    expect(await markRead(fb.id, newPsid())).toMatchObject({ status: 404, json: { error: "Conversation not found" } });
    expect((await markRead(fb.id, "not-a-psid")).status).toBe(400);
    const psid = newPsid();
    await deliver(fb, [messageEvent(fb.pageId, psid, { text: "hi" })]);
    expect((await markRead(fb.id, psid, (await createTestOrg()).keys.owner)).status).toBe(404);
    expect((await markRead(fb.id, psid)).status).toBe(200);
  });
});

describe("the migration's backfill", () => {
  // The statements the migration ran for data stored before conversation rows existed, run again here on copies of
  // this integration's messages (temporary tables shadow the real ones inside one transaction) and compared with
  // the rows the webhook path maintained for the same messages.
  const migration = readFileSync(
    path.resolve("prisma/migrations/20261125170046_messenger_as_meta_behaves/migration.sql"),
    "utf8",
  );
  const backfill = migration
    .slice(migration.indexOf("-- Backfill:"))
    .split(/;\s*$/m)
    .filter((statement) => /\b(INSERT|UPDATE)\b/.test(statement));

  it("builds the same rows as the maintained path", async () => {
    expect(backfill).toHaveLength(2);
    const fb = await connectedPage(org, graph);
    const [ann, ben, cat] = [newPsid(), newPsid(), newPsid()];
    const t = Date.UTC(2026, 10, 7, 9, 0, 0);
    const long = "😀".repeat(130); // longer than the preview, in characters JavaScript counts twice
    await deliver(fb, [
      messageEvent(fb.pageId, ann, { text: "hello", timestamp: t }),
      echoEvent(fb.pageId, ann, { text: "page reply", timestamp: t + 5 }),
      messageEvent(fb.pageId, ben, {
        attachments: [{ type: "image", payload: { url: "https://cdn.example.test/x.png" } }],
        timestamp: t + 1,
      }),
      postbackEvent(fb.pageId, cat, "START", t + 2),
      messageEvent(fb.pageId, cat, { text: long, timestamp: t + 3 }),
    ]);
    await deliver(fb, [
      messageEvent(fb.pageId, ann, { text: "late", timestamp: t - 10 }),
      messageEvent(fb.pageId, ben, { text: "same instant", timestamp: t + 1 }),
    ]);

    const rebuilt = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE messenger_messages (LIKE public.messenger_messages INCLUDING ALL) ON COMMIT DROP`,
      );
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE messenger_conversations (LIKE public.messenger_conversations INCLUDING ALL) ON COMMIT DROP`,
      );
      await tx.$executeRaw`INSERT INTO pg_temp.messenger_messages SELECT * FROM public.messenger_messages WHERE integration_id = ${fb.id}::uuid`;
      for (const statement of backfill) await tx.$executeRawUnsafe(statement);
      return tx.$queryRaw<(Row & { unread_count: number })[]>`
        SELECT psid, last_message_id, last_message_at, last_message_preview, last_message_direction::text, messages_count, last_inbound_at, unread_count
        FROM pg_temp.messenger_conversations ORDER BY psid`;
    });
    const maintained = await maintainedRows(fb.id);
    expect(rebuilt).toHaveLength(3);
    expect(rebuilt.map((row) => omit(row, "unread_count"))).toEqual(maintained.map((row) => omit(row, "unread_count")));
    expect(maintained.find((row) => row.psid === cat)!.last_message_preview).toBe("😀".repeat(120));
    // Conversations that existed before the migration start read.
    expect(rebuilt.every((row) => row.unread_count === 0)).toBe(true);
  });
});

describe("API document", () => {
  it("describes the paged conversation list and mark-read", async () => {
    const { openApiDocument } = await import("@/lib/api/openapi");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading a JSON document
    const paths: Record<string, any> = openApiDocument("https://integrations.example.test").paths;
    const list = paths["/organization-integration/{integration_id}/conversations"].get;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      "integration_id",
      "limit",
      "before",
    ]);
    expect(
      paths["/organization-integration/{integration_id}/conversations/{psid}/read"].post.responses[403],
    ).toBeDefined();
  });
});
