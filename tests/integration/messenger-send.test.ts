// Replies as Meta really treats them: the reply stored before the call (with our row id as metadata), the send job's
// safety net for requests that died, the Retry endpoint, and Messenger's 24-hour window (and HUMAN_AGENT up to 7 days)
// enforced before Meta is called — with a real job runner.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { newPsid } from "../helpers/fake-meta-webhook";
import { failedJobLogRows } from "../helpers/messenger-rows";
import { HOUR, personWrites, replyRow, retryReply, sendCalls, withReplies } from "../helpers/messenger-replies";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;
const { page, send } = withReplies((setup) => ({ org, graph } = setup));

describe("the outbound lifecycle", () => {
  it("stores the reply as pending with a local mid before Meta is called, and sends our row id as metadata", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    let seenDuringCall: Awaited<ReturnType<typeof replyRow>> | null = null;
    graph.beforeSendAnswer(async (message) => {
      seenDuringCall = await db().messengerMessage.findFirst({
        where: { integrationId: fb.id, direction: "outbound" },
      });
      expect(message.metadata).toBe(`org-integrations:${seenDuringCall!.id}`);
    });
    const { json } = await send(fb.id, { recipient_id: psid, text: "Stored first" });
    graph.beforeSendAnswer(null);
    expect(seenDuringCall).toMatchObject({
      status: "pending",
      mid: `local:${seenDuringCall!.id}`,
      origin: "app",
      text: "Stored first",
      attempts: 1,
    });
    const [call] = graph.sentMessages(fb.accessToken);
    expect(json).toMatchObject({
      message: "Message sent successfully",
      sent: {
        id: seenDuringCall!.id,
        mid: call.messageId,
        message_id: call.messageId,
        status: "sent",
        error_code: null,
      },
    });
    expect(
      await db().messengerConversation.findUnique({ where: { integrationId_psid: { integrationId: fb.id, psid } } }),
    ).toMatchObject({ messagesCount: 2, lastMessageId: seenDuringCall!.id });
  });
});

describe("the send job's safety net", () => {
  it("finishes a reply whose request died after storing it, but never one whose attempt is still in flight", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    const { sendMessageJob } = await import("@/lib/messenger/jobs/send-message-job");
    const id = randomUUID();
    const orphan = (updatedAt: Date) =>
      db().messengerMessage.create({
        data: {
          id,
          integrationId: fb.id,
          mid: `local:${id}`,
          direction: "outbound",
          kind: "message",
          senderId: fb.pageId,
          recipientId: psid,
          psid,
          text: "Left behind",
          status: "pending",
          origin: "app",
          messagingType: "RESPONSE",
          attempts: 1,
          timestamp: new Date(),
          updatedAt,
        },
      });
    await orphan(new Date());
    await sendMessageJob.run({ messageId: id, attempt: 1 }); // its attempt looks alive: not taken over
    expect(sendCalls(graph, fb.accessToken)).toHaveLength(0);
    await db().messengerMessage.update({ where: { id }, data: { updatedAt: new Date(Date.now() - 5 * 60_000) } });
    await sendMessageJob.run({ messageId: id, attempt: 1 });
    expect(await replyRow(id)).toMatchObject({
      status: "sent",
      attempts: 2,
      mid: graph.sentMessages(fb.accessToken)[0].messageId,
    });
    expect(graph.sentMessages(fb.accessToken)[0]).toMatchObject({
      text: "Left behind",
      metadata: `org-integrations:${id}`,
    });
  });

  it("a job that keeps failing on our side marks the reply failed and logs it, once it gives up", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb);
    graph.failSends(psid, { code: 613 });
    const { json } = await send(fb.id, { recipient_id: psid, text: "Stuck" });
    const { sendMessageJob } = await import("@/lib/messenger/jobs/send-message-job");
    await sendMessageJob.onGiveUp!({ messageId: json.sent.id, attempt: 2 }, new Error("database unavailable"));
    expect(await replyRow(json.sent.id)).toMatchObject({
      status: "failed",
      errorMessage: "The reply could not be sent: database unavailable",
    });
    const log = await failedJobLogRows(fb.id);
    expect(log.map((entry) => entry.detail)).toEqual([
      `A reply to person …${psid.slice(-4)} could not be sent: database unavailable`,
    ]);
  });
});

describe("POST …/messages/{message_id}/retry", () => {
  it("retries only a failed reply of that integration: 404 elsewhere, 409 when not failed, 403 for a viewer, once at a time", async () => {
    const fb = await page();
    const other = await page();
    const psid = await personWrites(org, fb);
    graph.failSends(psid, { code: 551 });
    const failed = (await send(fb.id, { recipient_id: psid, text: "Retry me" })).json.sent;
    const inbound = await db().messengerMessage.findFirstOrThrow({
      where: { integrationId: fb.id, direction: "inbound" },
    });
    const stranger = await createTestOrg();

    expect((await retryReply(other.id, failed.id, org.keys.admin)).status).toBe(404);
    expect((await retryReply(fb.id, failed.id, stranger.keys.owner)).status).toBe(404);
    expect((await retryReply(fb.id, failed.id, org.keys.viewer)).status).toBe(403);
    expect((await retryReply(fb.id, "not-a-uuid", org.keys.admin)).status).toBe(400);
    expect(await retryReply(fb.id, randomUUID(), org.keys.admin)).toMatchObject({
      status: 404,
      json: { error: "Message not found" },
    });
    expect((await retryReply(fb.id, inbound.id, org.keys.admin)).status).toBe(409);

    const [first, second] = await Promise.all([
      retryReply(fb.id, failed.id, org.keys.admin),
      retryReply(fb.id, failed.id, org.keys.admin),
    ]);
    expect([first.status, second.status].sort()).toEqual([201, 409]);
    expect(await replyRow(failed.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(graph.sentMessages(fb.accessToken)).toHaveLength(1);
    expect(await retryReply(fb.id, failed.id, org.keys.admin)).toMatchObject({
      status: 409,
      json: { error: "Only failed replies can be retried; this one is sent" },
    });
    expect(await db().auditEntry.count({ where: { targetId: fb.id, action: "messenger.message_retried" } })).toBe(1);
  });
});

describe("the 24-hour window", () => {
  it("refuses a reply after 24 hours with a 409 that names the window and when it closed, without calling Meta", async () => {
    const fb = await page();
    const psid = await personWrites(org, fb, { ago: 30 * HOUR });
    const closedAt = (
      await db().messengerConversation.findUniqueOrThrow({
        where: { integrationId_psid: { integrationId: fb.id, psid } },
      })
    ).lastInboundAt!;
    closedAt.setTime(closedAt.getTime() + 24 * HOUR);

    const response = await send(fb.id, { recipient_id: psid, text: "Sorry for the wait!" });
    expect(response.status).toBe(409);
    expect(response.json.error).toContain(`The 24-hour messaging window closed at ${closedAt.toISOString()}`);
    expect(response.json.error).toContain("HUMAN_AGENT");
    const stranger = await send(fb.id, { recipient_id: newPsid(), text: "Hi there" });
    expect(stranger).toMatchObject({
      status: 409,
      json: { error: expect.stringContaining("has not written to the Page") },
    });

    expect(sendCalls(graph, fb.accessToken)).toHaveLength(0);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id, direction: "outbound" } })).toBe(0);
  });

  it("sends RESPONSE inside the window, and HUMAN_AGENT only when asked: audited, up to 7 days, then 409", async () => {
    const fb = await page();
    const recent = await personWrites(org, fb, { ago: HOUR });
    const yesterday = await personWrites(org, fb, { ago: 30 * HOUR });
    const lastWeek = await personWrites(org, fb, { ago: 8 * 24 * HOUR });

    expect((await send(fb.id, { recipient_id: recent, text: "Right away" })).json.sent).toMatchObject({
      status: "sent",
      messaging_type: "RESPONSE",
      tag: null,
    });
    const tagged = await send(fb.id, {
      recipient_id: yesterday,
      text: "A person here, sorry for the delay",
      tag: "HUMAN_AGENT",
    });
    expect(tagged.status).toBe(201);
    expect(tagged.json.sent).toMatchObject({
      status: "sent",
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      origin: "app",
    });
    expect(graph.sentMessages(fb.accessToken).map((m) => [m.recipient, m.messagingType, m.tag])).toEqual([
      [recent, "RESPONSE", null],
      [yesterday, "MESSAGE_TAG", "HUMAN_AGENT"],
    ]);

    const tooLate = await send(fb.id, { recipient_id: lastWeek, text: "Still there?", tag: "HUMAN_AGENT" });
    expect(tooLate).toMatchObject({
      status: 409,
      json: { error: expect.stringMatching(/^The 7-day human agent window closed at \S+Z/) },
    });
    expect((await send(fb.id, { recipient_id: yesterday, text: "x", tag: "CONFIRMED_EVENT_UPDATE" })).status).toBe(400);
    expect(sendCalls(graph, fb.accessToken)).toHaveLength(2);

    // Who asked for the tag is on record (field names only, never the text).
    const audit = await db().auditEntry.findMany({
      where: { targetId: fb.id, action: "messenger.message_sent" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((entry) => [entry.actorType, entry.changedFields])).toEqual([
      ["api_key", []],
      ["api_key", ["tag"]],
    ]);
    expect(audit[1].actorId).toBe(org.keyIds.admin);
    expect(JSON.stringify(audit)).not.toContain("sorry for the delay");
  });
});
