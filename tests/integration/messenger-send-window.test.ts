// Replies and Messenger's 24-hour window (and HUMAN_AGENT up to 7 days), enforced before Meta is called.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { newPsid } from "../helpers/fake-meta-webhook";
import { HOUR, personWrites, sendCalls, withReplies } from "../helpers/messenger-replies";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;
const { page, send } = withReplies((setup) => ({ org, graph } = setup));

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
