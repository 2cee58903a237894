// Reading the inbox: messages newest first with the documented fields, paging with before (ties included),
// one conversation per person, bad query values, and the API document describing these endpoints.
import { describe, expect, it } from "vitest";
import { deliverEvents, echoEvent, messageEvent, newPsid, postbackEvent } from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { withInboxPages } from "../helpers/inbox-pages";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
const { page } = withInboxPages((setup) => ({ org } = setup));

const listMessages = (id: string, query = "", key = org.keys.viewer) => inboxApi(key).messages(id, query);
const listConversations = (id: string) => inboxApi(org.keys.viewer).conversations(id);

type TwoPeople = { alice: string; bob: string; pageId: string };
/** A fresh Page where two new people (alice, bob) and the Page said what `events` lists, delivered by Meta. */
async function pageWhere(events: (people: TwoPeople) => Record<string, unknown>[]) {
  const fb = await page();
  const people = { alice: newPsid(), bob: newPsid(), pageId: fb.pageId };
  await deliverEvents(org, fb, events(people));
  return { fb, ...people };
}

describe("GET messages and conversations", () => {
  it("lists messages newest first with the documented fields, pages with before, and filters a thread", async () => {
    const t = Date.UTC(2026, 10, 1, 9, 0, 0);
    const { fb, alice, bob } = await pageWhere(({ alice, bob, pageId }) => [
      messageEvent(pageId, alice, { text: "first", timestamp: t }),
      echoEvent(pageId, alice, { text: "reply", timestamp: t + 1000 }),
      postbackEvent(pageId, bob, "PRICING", t + 2000),
      messageEvent(pageId, bob, { text: "last", timestamp: t + 3000 }),
    ]);
    const { status, json } = await listMessages(fb.id);
    expect(status).toBe(200);
    expect(json.messages.map((m: { text: string }) => m.text)).toEqual(["last", "Get Started", "reply", "first"]);
    expect(Object.keys(json.messages[0]).sort()).toEqual(
      [
        "attachments",
        "created_at",
        "direction",
        "id",
        "is_verified",
        "kind",
        "mid",
        "postback",
        "psid",
        "quick_reply_payload",
        "reaction",
        "referral",
        "recipient_id",
        "sender_id",
        "status",
        "text",
        "timestamp",
        "origin",
        "messaging_type",
        "tag",
        "error_code",
        "error_subcode",
        "error_message",
        "attempts",
      ].sort(),
    );
    expect(json.messages[0]).toMatchObject({
      direction: "inbound",
      sender_id: bob,
      recipient_id: fb.pageId,
      status: "received",
      timestamp: new Date(t + 3000).toISOString(),
    });
    expect(json.messages[1]).toMatchObject({
      kind: "postback",
      postback: { title: "Get Started", payload: "PRICING" },
    });
    expect(json.messages[2]).toMatchObject({
      direction: "outbound",
      sender_id: fb.pageId,
      recipient_id: alice,
      status: "sent",
    });

    const firstPage = await listMessages(fb.id, "?limit=3");
    expect(firstPage.json.messages).toHaveLength(3);
    expect(firstPage.json.next_before).toBe(`${new Date(t + 1000).toISOString()}~${firstPage.json.messages[2].id}`);
    const secondPage = await listMessages(fb.id, `?limit=3&before=${encodeURIComponent(firstPage.json.next_before)}`);
    expect(secondPage.json.messages.map((m: { text: string }) => m.text)).toEqual(["first"]);
    expect(secondPage.json.next_before).toBeNull();

    const byDate = await listMessages(fb.id, `?before=${encodeURIComponent(new Date(t + 2000).toISOString())}`);
    expect(byDate.json.messages.map((m: { text: string }) => m.text)).toEqual(["reply", "first"]);

    const thread = await listMessages(fb.id, `?psid=${alice}`);
    expect(thread.json.messages.map((m: { text: string }) => m.text)).toEqual(["reply", "first"]);
  });

  it("pages through messages that share one timestamp without skipping or repeating any", async () => {
    const fb = await page();
    const t = Date.UTC(2026, 10, 3, 9, 0, 0);
    const events = Array.from({ length: 25 }, (_, i) =>
      messageEvent(fb.pageId, newPsid(), { text: `same-${i}`, timestamp: t + (i < 20 ? 0 : 1) }),
    );
    await deliverEvents(org, fb, events);
    const seen: string[] = [];
    let query = "?limit=7";
    for (let page = 0; page < 10; page += 1) {
      const { json } = await listMessages(fb.id, query);
      seen.push(...json.messages.map((m: { text: string }) => m.text));
      if (!json.next_before) break;
      query = `?limit=7&before=${encodeURIComponent(json.next_before)}`;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen.slice(0, 5).sort()).toEqual(["same-20", "same-21", "same-22", "same-23", "same-24"]);
  });

  it("lists one conversation per person with its last message, most recent first", async () => {
    const t = Date.UTC(2026, 10, 2, 9, 0, 0);
    const { fb, alice, bob } = await pageWhere(({ alice, bob, pageId }) => [
      messageEvent(pageId, alice, { text: "a1", timestamp: t }),
      messageEvent(pageId, bob, { text: "b1", timestamp: t + 1 }),
      echoEvent(pageId, alice, { text: "a2 (page)", timestamp: t + 2 }),
    ]);
    const { status, json } = await listConversations(fb.id);
    expect(status).toBe(200);
    expect(
      json.conversations.map((c: { psid: string; messages_count: number; last_message: { text: string } }) => [
        c.psid,
        c.messages_count,
        c.last_message.text,
      ]),
    ).toEqual([
      [alice, 2, "a2 (page)"],
      [bob, 1, "b1"],
    ]);
    expect(json.conversations[0].last_message_at).toBe(new Date(t + 2).toISOString());
  });

  it("rejects bad query values with 400", async () => {
    const fb = await page();
    for (const query of [
      "?limit=0",
      "?limit=abc",
      "?before=yesterday",
      "?before=2026-01-01T00:00:00Z~nope",
      "?psid=abc",
    ]) {
      const response = await listMessages(fb.id, query);
      expect(response.status).toBe(400);
      expect(typeof response.json.error).toBe("string");
    }
  });
});

describe("API document", () => {
  it("describes the inbox endpoints from the same schemas", async () => {
    const { openApiDocument } = await import("@/lib/api/openapi");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reading a JSON document
    const paths: Record<string, any> = openApiDocument("https://integrations.example.test").paths;
    for (const path of ["messages", "conversations", "webhook-log", "test"])
      expect(paths[`/organization-integration/{integration_id}/${path}`]).toBeDefined();
    expect(paths["/webhook"]).toBeDefined();
    const send =
      paths["/organization-integration/{integration_id}/messages"].post.requestBody.content["application/json"].schema;
    expect(send.properties.text.maxLength).toBe(2000);
  });
});
