import { describe, expect, it, vi } from "vitest";
import * as conversationsRoute from "@/app/organization-integration/[integration_id]/conversations/route";
import * as messagesRoute from "@/app/organization-integration/[integration_id]/messages/route";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import {
  deliveryEvent,
  echoEvent,
  messageEvent,
  newPsid,
  payloadFor,
  postbackEvent,
  postWebhook,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { createRoute, deleteRoute, detailRoute, toggleRoute, updateRoute } from "../helpers/routes";
import { connectedPage } from "../helpers/messenger-replies";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import { createTestOrg, type TestOrg } from "../helpers/seed";

// A Graph API that never answers must turn into a 502 quickly, not a hanging request.
vi.stubEnv("PROVIDER_TIMEOUT_MS", "800");

let org: TestOrg;
let graph: FakeGraphServer;

withOrgAndFakeGraph((setup) => ({ org, graph } = setup));

const listMessages = (id: string, query = "", key = org.keys.viewer) =>
  callRoute(messagesRoute.GET, {
    path: `/organization-integration/${id}/messages${query}`,
    params: { integration_id: id },
    headers: bearer(key),
  });
const listConversations = (id: string, key = org.keys.viewer) =>
  callRoute(conversationsRoute.GET, {
    path: `/organization-integration/${id}/conversations`,
    params: { integration_id: id },
    headers: bearer(key),
  });
const send = (id: string, body: unknown, key = org.keys.admin) =>
  callRoute(messagesRoute.POST, {
    method: "POST",
    path: `/organization-integration/${id}/messages`,
    params: { integration_id: id },
    headers: bearer(key),
    body,
  });
/** A person who wrote a minute ago: Messenger allows replies only within 24 h of the person's last message. */
const personWhoWrote = async (fb: FacebookFixture) => {
  const psid = newPsid();
  await postWebhook(
    org.orgId,
    payloadFor(fb.pageId, [messageEvent(fb.pageId, psid, { text: "Hi!", timestamp: Date.now() - 60_000 })]),
    { secret: fb.appSecret },
  );
  return psid;
};
const detail = async (id: string) =>
  (
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${id}`,
      params: { integration_id: id },
      headers: bearer(org.keys.admin),
    })
  ).json.integration;

describe("GET messages and conversations", () => {
  it("lists messages newest first with the documented fields, pages with before, and filters a thread", async () => {
    const fb = await connectedPage(org, graph);
    const [alice, bob] = [newPsid(), newPsid()];
    const t = Date.UTC(2026, 10, 1, 9, 0, 0);
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [
        messageEvent(fb.pageId, alice, { text: "first", timestamp: t }),
        echoEvent(fb.pageId, alice, { text: "reply", timestamp: t + 1000 }),
        postbackEvent(fb.pageId, bob, "PRICING", t + 2000),
        messageEvent(fb.pageId, bob, { text: "last", timestamp: t + 3000 }),
      ]),
      { secret: fb.appSecret },
    );
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
    const fb = await connectedPage(org, graph);
    const t = Date.UTC(2026, 10, 3, 9, 0, 0);
    const events = Array.from({ length: 25 }, (_, i) =>
      messageEvent(fb.pageId, newPsid(), { text: `same-${i}`, timestamp: t + (i < 20 ? 0 : 1) }),
    );
    await postWebhook(org.orgId, payloadFor(fb.pageId, events), { secret: fb.appSecret });
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
    const fb = await connectedPage(org, graph);
    const [alice, bob] = [newPsid(), newPsid()];
    const t = Date.UTC(2026, 10, 2, 9, 0, 0);
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [
        messageEvent(fb.pageId, alice, { text: "a1", timestamp: t }),
        messageEvent(fb.pageId, bob, { text: "b1", timestamp: t + 1 }),
        echoEvent(fb.pageId, alice, { text: "a2 (page)", timestamp: t + 2 }),
      ]),
      { secret: fb.appSecret },
    );
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
    const fb = await connectedPage(org, graph);
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

describe("POST messages (Send API)", () => {
  it("sends through the Send API, stores the outbound message once, and follows its receipts", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWhoWrote(fb);
    const { status, json } = await send(fb.id, { recipient_id: psid, text: "Thanks for your message!" });
    expect(status).toBe(201);
    expect(json.message).toBe("Message sent successfully");
    const [call] = graph.sentMessages(fb.accessToken);
    expect(call).toMatchObject({ recipient: psid, text: "Thanks for your message!", messagingType: "RESPONSE" });
    expect(json.sent).toMatchObject({
      mid: call.messageId,
      message_id: call.messageId,
      direction: "outbound",
      recipient_id: psid,
      sender_id: fb.pageId,
      status: "sent",
    });
    const request = graph.requests.find(
      (r) => r.method === "POST" && r.headers.authorization === `Bearer ${fb.accessToken}`,
    )!;
    expect(request.path).toBe("/v21.0/me/messages");
    expect(request.query.has("access_token")).toBe(false);

    // Meta's echo of the same message and then its delivery receipt.
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [echoEvent(fb.pageId, psid, { mid: call.messageId, text: "Thanks for your message!" })]),
      { secret: fb.appSecret },
    );
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [deliveryEvent(fb.pageId, psid, Date.now() + 1000, [call.messageId])]),
      { secret: fb.appSecret },
    );
    const listed = await listMessages(fb.id);
    expect(listed.json.messages).toHaveLength(2); // the person's message and the reply
    expect(listed.json.messages[0]).toMatchObject({ mid: call.messageId, status: "delivered" });

    // The audit trail says who spoke for the Page, never what was said.
    const audit = await db().auditEntry.findMany({ where: { targetId: fb.id, action: "messenger.message_sent" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "api_key", orgId: org.orgId });
    expect(JSON.stringify(audit)).not.toContain("Thanks for your message!");
  });

  it("accepts 2000 characters and refuses 2001, an empty text or a bad recipient with 400, calling nobody", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWhoWrote(fb);
    expect((await send(fb.id, { recipient_id: psid, text: "x".repeat(2000) })).status).toBe(201);
    const refusals = [
      [{ recipient_id: psid, text: "x".repeat(2001) }, /at most 2000 characters/],
      [{ recipient_id: psid, text: "   " }, /must not be empty/],
      [{ recipient_id: "abc", text: "hi" }, /recipient_id/],
      [{ text: "hi" }, /recipient_id/],
      [{ recipient_id: psid, text: "hi", extra: 1 }, /extra/],
    ] as const;
    for (const [body, message] of refusals) {
      const response = await send(fb.id, body);
      expect(response.status).toBe(400);
      expect(response.json.error).toMatch(message);
    }
    expect(graph.sentMessages(fb.accessToken)).toHaveLength(1);
  });

  // Was a 502 storing nothing: a refused reply now stays in the thread as failed (with Retry), so the 201 says so.
  it("keeps Meta's refusals as failed replies with Meta's code and message", async () => {
    const fb = await connectedPage(org, graph);
    const [gone, late] = [await personWhoWrote(fb), await personWhoWrote(fb)];
    graph.unavailableRecipients.add(gone);
    graph.outsideWindowRecipients.add(late);
    expect(await send(fb.id, { recipient_id: gone, text: "hello?" })).toMatchObject({
      status: 201,
      json: {
        sent: {
          status: "failed",
          error_code: 551,
          error_message: expect.stringContaining("Facebook: (#551) This person isn't available right now."),
        },
      },
    });
    expect(await send(fb.id, { recipient_id: late, text: "hello?" })).toMatchObject({
      status: 201,
      json: {
        sent: {
          status: "failed",
          error_code: 10,
          error_message: expect.stringContaining("Facebook: (#10) This message is sent outside of allowed window."),
        },
      },
    });
    expect(
      await db().messengerMessage.count({ where: { integrationId: fb.id, direction: "outbound", status: "failed" } }),
    ).toBe(2);
    expect((await detail(fb.id)).status.needs_reauth).toBe(false);
  });

  it("marks the integration as needing a new token on error 190, until a new token is saved", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWhoWrote(fb);
    graph.expireToken(fb.accessToken);
    const response = await send(fb.id, { recipient_id: psid, text: "hi" });
    expect(response.status).toBe(201);
    expect(response.json.sent).toMatchObject({ status: "failed", error_code: 190 });
    expect(response.json.sent.error_message).toMatch(/Facebook: Error validating access token: Session has expired /);
    expect((await detail(fb.id)).status.needs_reauth).toBe(true);

    const newToken = `${fb.accessToken}-renewed`;
    graph.addPage(newToken, { id: fb.pageId, name: "Renewed" });
    const updated = await callRoute(updateRoute.POST, {
      method: "POST",
      path: "/update-organization-integration",
      headers: bearer(org.keys.admin),
      body: { id: fb.id, access_token: newToken },
    });
    expect(updated.json.integration.status.needs_reauth).toBe(false);
    expect((await send(fb.id, { recipient_id: psid, text: "hi again" })).json.sent.status).toBe("sent");
  });

  // Was a 502: the reply is now stored first, so it ends failed (not resent on its own: Meta may have delivered it).
  it("marks the reply failed when the Graph API does not answer in time", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWhoWrote(fb);
    graph.addPage(fb.accessToken, { id: fb.pageId, name: "Slow" }, { hangs: true });
    const started = Date.now();
    const response = await send(fb.id, { recipient_id: psid, text: "anyone?" });
    expect(response.status).toBe(201);
    expect(response.json.sent).toMatchObject({
      status: "failed",
      error_code: null,
      error_message: "Facebook did not answer within 0.8 s",
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses to send through an inactive or a non-Facebook integration", async () => {
    const fb = await connectedPage(org, graph, { isActive: false });
    expect(await send(fb.id, { recipient_id: newPsid(), text: "hi" })).toMatchObject({
      status: 409,
      json: { error: expect.stringMatching(/inactive/) },
    });
    await callRoute(toggleRoute.POST, {
      method: "POST",
      path: "/toggle-organization-integration",
      headers: bearer(org.keys.admin),
      body: { id: fb.id, active: true },
    });
    expect((await send(fb.id, { recipient_id: await personWhoWrote(fb), text: "hi" })).status).toBe(201);

    const hubspot = await callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      headers: bearer(org.keys.admin),
      body: { org_id: org.orgId, integration_type: "hubspot", name: "CRM", access_token: "pat-na1-x" },
    });
    const hubspotId = hubspot.json.integration.id;
    expect((await send(hubspotId, { recipient_id: newPsid(), text: "hi" })).status).toBe(400);
    expect((await listMessages(hubspotId)).status).toBe(400);
  });
});

describe("tenant rules on the inbox", () => {
  it("hides another organization's inbox (404), lets a viewer read but not send (403), and needs credentials (401)", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    await postWebhook(org.orgId, payloadFor(fb.pageId, [messageEvent(fb.pageId, psid, { text: "private" })]), {
      secret: fb.appSecret,
    });
    const stranger = await createTestOrg();
    for (const response of [
      await listMessages(fb.id, "", stranger.keys.owner),
      await listConversations(fb.id, stranger.keys.owner),
      await send(fb.id, { recipient_id: psid, text: "hijack" }, stranger.keys.owner),
    ]) {
      expect(response).toMatchObject({ status: 404, json: { error: "Integration not found" } });
    }
    expect((await listMessages(fb.id, "", org.keys.viewer)).json.messages).toHaveLength(1);
    expect((await listConversations(fb.id, org.keys.viewer)).status).toBe(200);
    expect((await send(fb.id, { recipient_id: psid, text: "viewer" }, org.keys.viewer)).status).toBe(403);
    const anonymous = await callRoute(messagesRoute.GET, {
      path: `/organization-integration/${fb.id}/messages`,
      params: { integration_id: fb.id },
    });
    expect(anonymous.status).toBe(401);
    expect((await listMessages("not-a-uuid")).status).toBe(400);
    expect(graph.sentMessages(fb.accessToken)).toHaveLength(0);
  });
});

describe("deleting an integration", () => {
  it("deletes its messages, receipts and webhook log with it", async () => {
    const fb = await connectedPage(org, graph);
    const psid = newPsid();
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [
        messageEvent(fb.pageId, psid, { text: "bye" }),
        deliveryEvent(fb.pageId, psid, Date.now()),
      ]),
      { secret: fb.appSecret },
    );
    const where = { integrationId: fb.id };
    expect(await db().messengerMessage.count({ where })).toBe(1);
    const deleted = await callRoute(deleteRoute.POST, {
      method: "POST",
      path: "/delete-organization-integration",
      headers: bearer(org.keys.admin),
      body: { id: fb.id },
    });
    expect(deleted.status).toBe(200);
    expect([
      await db().messengerMessage.count({ where }),
      await db().messengerConversation.count({ where }),
      await db().messengerWebhookLog.count({ where }),
    ]).toEqual([0, 0, 0]);
    expect((await listMessages(fb.id)).status).toBe(404);
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
