// The inbox list as conversation rows: kept by the transactions that store messages (redelivered, out-of-order and
// echo events included) and paged newest first.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { echoEvent, messageEvent, newPsid, postbackEvent } from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { maintainedConversationRows, omit, type ConversationRow } from "../helpers/messenger-rows";
import { withInboxPages } from "../helpers/inbox-pages";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
const { page, deliver } = withInboxPages((setup) => ({ org } = setup));

const listConversations = (id: string, query = "") => inboxApi(org.keys.viewer).conversations(id, query);

/** What the rows must say, computed the slow way from every stored message. */
const rowsFromMessages = (integrationId: string) =>
  db().$queryRaw<(ConversationRow & { inbound_count: number })[]>`
    SELECT DISTINCT ON (psid) psid, id AS last_message_id, timestamp AS last_message_at, direction::text AS last_message_direction,
      (count(*) OVER w)::int AS messages_count, (max(timestamp) FILTER (WHERE direction = 'inbound') OVER w) AS last_inbound_at,
      (count(*) FILTER (WHERE direction = 'inbound') OVER w)::int AS inbound_count
    FROM messenger_messages WHERE integration_id = ${integrationId}::uuid
    WINDOW w AS (PARTITION BY psid)
    ORDER BY psid, timestamp DESC, id DESC`;

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
    const fb = await page();
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
    const rows = await maintainedConversationRows(fb.id);
    expect(rows.map((row) => omit(row, "last_message_preview", "unread_count"))).toEqual(
      expected.map((row) => omit(row, "inbound_count")),
    );
    // Nobody read anything yet: every inbound message is unread, whatever was redelivered.
    expect(rows.map((row) => row.unread_count)).toEqual(expected.map((row) => row.inbound_count));

    // A late message older than everything: counted, never "last", and its window stays where it was.
    const [first] = people;
    const before = rows.find((row) => row.psid === first)!;
    await deliver(fb, [messageEvent(fb.pageId, first, { text: "late and old", timestamp: t - 60_000 })]);
    const after = (await maintainedConversationRows(fb.id)).find((row) => row.psid === first)!;
    expect(after).toMatchObject({
      last_message_id: before.last_message_id,
      last_message_at: before.last_message_at,
      messages_count: 9,
      last_inbound_at: before.last_inbound_at,
    });
    expect(after.unread_count).toBe(before.unread_count + 1);
  });

  it("are what GET …/conversations lists, with unread counts, names, avatars, window and standby", async () => {
    const fb = await page();
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
    expect((await listConversations((await page()).id)).json).toEqual({
      conversations: [],
      next_before: null,
    });
  });

  it("page newest first with next_before, across many conversations sharing one instant", async () => {
    const fb = await page();
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
