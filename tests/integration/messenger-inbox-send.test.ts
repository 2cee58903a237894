// Replying through the inbox (POST …/messages → Meta's Send API): the stored reply and its receipts, text limits,
// Meta's refusals kept as failed replies, an expired token (needs_reauth until a new one is saved), a Graph API that
// never answers, and integrations that cannot send.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { deliverEvents, deliveryEvent, echoEvent, newPsid, type FacebookFixture } from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { integrationApi } from "../helpers/integration-api";
import { personWrites } from "../helpers/messenger-replies";
import { withInboxPages } from "../helpers/inbox-pages";
import type { TestOrg } from "../helpers/seed";

// A Graph API that never answers must turn into a 502 quickly, not a hanging request.
vi.stubEnv("PROVIDER_TIMEOUT_MS", "800");

let org: TestOrg;
let graph: FakeGraphServer;
const { page } = withInboxPages((setup) => ({ org, graph } = setup));

const listMessages = (id: string, query = "", key = org.keys.viewer) => inboxApi(key).messages(id, query);
const send = (id: string, body: unknown) => inboxApi(org.keys.admin).send(id, body);
/** A person who wrote a minute ago: Messenger allows replies only within 24 h of the person's last message. */
const personWhoWrote = (fb: FacebookFixture) => personWrites(org, fb, { text: "Hi!" });
const detail = (id: string) => integrationApi(org.keys.admin).integration(id);

describe("POST messages (Send API)", () => {
  it("sends through the Send API, stores the outbound message once, and follows its receipts", async () => {
    const fb = await page();
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
    await deliverEvents(org, fb, [
      echoEvent(fb.pageId, psid, { mid: call.messageId, text: "Thanks for your message!" }),
    ]);
    await deliverEvents(org, fb, [deliveryEvent(fb.pageId, psid, Date.now() + 1000, [call.messageId])]);
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
    const fb = await page();
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
    const fb = await page();
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
    const fb = await page();
    const psid = await personWhoWrote(fb);
    graph.expireToken(fb.accessToken);
    const response = await send(fb.id, { recipient_id: psid, text: "hi" });
    expect(response.status).toBe(201);
    expect(response.json.sent).toMatchObject({ status: "failed", error_code: 190 });
    expect(response.json.sent.error_message).toMatch(/Facebook: Error validating access token: Session has expired /);
    expect((await detail(fb.id)).status.needs_reauth).toBe(true);

    const newToken = `${fb.accessToken}-renewed`;
    graph.addPage(newToken, { id: fb.pageId, name: "Renewed" });
    const updated = await integrationApi(org.keys.admin).update({ id: fb.id, access_token: newToken });
    expect(updated.json.integration.status.needs_reauth).toBe(false);
    expect((await send(fb.id, { recipient_id: psid, text: "hi again" })).json.sent.status).toBe("sent");
  });

  // Was a 502: the reply is now stored first, so it ends failed (not resent on its own: Meta may have delivered it).
  it("marks the reply failed when the Graph API does not answer in time", async () => {
    const fb = await page();
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
    const fb = await page({ isActive: false });
    expect(await send(fb.id, { recipient_id: newPsid(), text: "hi" })).toMatchObject({
      status: 409,
      json: { error: expect.stringMatching(/inactive/) },
    });
    await integrationApi(org.keys.admin).toggle({ id: fb.id, active: true });
    expect((await send(fb.id, { recipient_id: await personWhoWrote(fb), text: "hi" })).status).toBe(201);

    const hubspot = await integrationApi(org.keys.admin).create({
      org_id: org.orgId,
      integration_type: "hubspot",
      name: "CRM",
      access_token: "pat-na1-x",
    });
    const hubspotId = hubspot.json.integration.id;
    expect((await send(hubspotId, { recipient_id: newPsid(), text: "hi" })).status).toBe(400);
    expect((await listMessages(hubspotId)).status).toBe(400);
  });
});
