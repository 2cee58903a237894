// Marking a conversation read: the unread count is the team's (viewers may not clear it), later messages count again,
// and the live stream learns of it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { echoEvent, messageEvent, newMid, newPsid } from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { withInboxPages } from "../helpers/inbox-pages";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
const { page, deliver } = withInboxPages((setup) => ({ org } = setup));

const listConversations = (id: string) => inboxApi(org.keys.viewer).conversations(id);
const markRead = (id: string, psid: string, key = org.keys.admin) => inboxApi(key).markRead(id, psid);

describe("POST …/conversations/{psid}/read", () => {
  it("clears the unread count for the team; later messages count again, a late old one does not", async () => {
    const fb = await page();
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
    const fb = await page();
    expect(await markRead(fb.id, newPsid())).toMatchObject({ status: 404, json: { error: "Conversation not found" } });
    expect((await markRead(fb.id, "not-a-psid")).status).toBe(400);
    const psid = newPsid();
    await deliver(fb, [messageEvent(fb.pageId, psid, { text: "hi" })]);
    expect((await markRead(fb.id, psid, (await createTestOrg()).keys.owner)).status).toBe(404);
    expect((await markRead(fb.id, psid)).status).toBe(200);
  });
});
