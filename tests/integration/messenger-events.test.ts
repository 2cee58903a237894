// Richer Messenger events through the real webhook route: quick replies, postbacks and referrals in the thread,
// reactions on messages (and as the person's activity), standby deliveries (another app owns the thread).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import {
  postbackWithReferralEvent,
  quickReplyEvent,
  reactionEvent,
  referralEvent,
  standbyPayloadFor,
} from "../helpers/fake-meta-events";
import {
  deliverAccepted,
  echoEvent,
  messageEvent,
  newMid,
  newPsid,
  postWebhook,
  signedPage,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { withOrg } from "../helpers/org-with-fake-graph";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
withOrg((created) => (org = created));

const page = () => signedPage(org);
const post = async (fb: FacebookFixture, body: unknown) =>
  expect((await postWebhook(org.orgId, body, { secret: fb.appSecret })).status).toBe(200);
const deliver = (fb: FacebookFixture, events: Record<string, unknown>[]) => deliverAccepted(org, fb, events);
const viewer = () => inboxApi(org.keys.viewer);
const thread = async (id: string, psid: string) =>
  (await viewer().messages(id, `?psid=${psid}`)).json.messages.reverse();
const conversation = async (id: string, psid: string) =>
  (await viewer().conversations(id)).json.conversations.find((c: { psid: string }) => c.psid === psid);
const lastDelivery = async (id: string) => (await viewer().webhookLog(id, "?limit=1")).json.deliveries[0];

describe("quick replies, postbacks and referrals", () => {
  it("are stored once and shown in the thread with their payloads", async () => {
    const fb = await page();
    const psid = newPsid();
    const t = Date.now() - 10_000;
    const link = { ref: "spring-sale", source: "SHORTLINK", type: "OPEN_THREAD" };
    const ad = {
      ref: "shoes",
      source: "ADS",
      type: "OPEN_THREAD",
      ad_id: "6045246247433",
      ads_context_data: { ad_title: "Running shoes", post_id: "1_2" },
    };
    const events = [
      postbackWithReferralEvent(fb.pageId, psid, {
        title: "Get Started",
        payload: "GET_STARTED",
        referral: link,
        timestamp: t,
      }),
      quickReplyEvent(fb.pageId, psid, { text: "Red", payload: "COLOR_RED", timestamp: t + 1 }),
      referralEvent(fb.pageId, psid, ad, t + 2),
    ];
    await deliver(fb, events);
    await deliver(fb, [...events].reverse()); // redelivered: the lone referral too has a stable id
    expect(await lastDelivery(fb.id)).toMatchObject({ events_count: 3, stored_count: 0, unknown_events: [] });

    const messages = await thread(fb.id, psid);
    expect(
      messages.map((m: Record<string, unknown>) => [m.kind, m.text, m.postback, m.quick_reply_payload, m.referral]),
    ).toEqual([
      ["postback", "Get Started", { title: "Get Started", payload: "GET_STARTED" }, null, link],
      ["message", "Red", null, "COLOR_RED", null],
      ["referral", null, null, null, ad],
    ]);
    expect(messages[2]).toMatchObject({
      direction: "inbound",
      mid: `referral:${psid}:${t + 2}`,
      sender_id: psid,
      status: "received",
      reaction: null,
    });
    // All three are the person's doing: counted, unread, and the window runs from the latest.
    expect(await conversation(fb.id, psid)).toMatchObject({
      messages_count: 3,
      unread_count: 3,
      window_closes_at: new Date(t + 2 + 86_400_000).toISOString(),
    });
  });
});

describe("reactions", () => {
  it("set and clear the person's emoji on the message, in the order they happened, and count as activity", async () => {
    const fb = await page();
    const [psid, stranger] = [newPsid(), newPsid()];
    const twoDaysAgo = Date.now() - 2 * 86_400_000;
    const [question, answer] = [newMid(), newMid()];
    await deliver(fb, [
      messageEvent(fb.pageId, psid, { mid: question, text: "Do you ship abroad?", timestamp: twoDaysAgo }),
      echoEvent(fb.pageId, psid, { mid: answer, text: "Yes, everywhere!", timestamp: twoDaysAgo + 1000 }),
    ]);
    const windowBefore = (await conversation(fb.id, psid)).window_closes_at;
    expect(Date.parse(windowBefore)).toBeLessThan(Date.now());

    const reactedAt = Date.now() - 1000;
    await deliver(fb, [
      reactionEvent(fb.pageId, psid, answer, { emoji: "👍", timestamp: reactedAt }),
      reactionEvent(fb.pageId, stranger, question, { emoji: "😡", timestamp: reactedAt }),
    ]);
    expect(await lastDelivery(fb.id)).toMatchObject({ events_count: 2, stored_count: 0, unknown_events: [] });
    let messages = await thread(fb.id, psid);
    expect(messages.map((m: { reaction: string | null }) => m.reaction)).toEqual([null, "👍"]); // a stranger cannot react in someone else's thread
    // A reaction reopens Meta's 24-hour window, and is not a message (nothing unread, nothing counted).
    expect(await conversation(fb.id, psid)).toMatchObject({
      messages_count: 2,
      unread_count: 1,
      window_closes_at: new Date(reactedAt + 86_400_000).toISOString(),
    });
    // The live stream hears about the changed message.
    expect(
      await db().messengerEvent.count({ where: { integrationId: fb.id, type: "message", ref: messages[1].id } }),
    ).toBe(2);

    // A change of mind and its undo in one batch, delivered in reverse: the later one wins.
    await deliver(fb, [
      reactionEvent(fb.pageId, psid, answer, { unreact: true, timestamp: reactedAt + 2000 }),
      reactionEvent(fb.pageId, psid, answer, { emoji: "❤️", timestamp: reactedAt + 1000 }),
    ]);
    messages = await thread(fb.id, psid);
    expect(messages[1].reaction).toBeNull();
    await deliver(fb, [reactionEvent(fb.pageId, psid, answer, { emoji: "😂", timestamp: reactedAt + 3000 })]);
    expect((await thread(fb.id, psid))[1].reaction).toBe("😂");
    // An older reaction never moves the window back.
    await deliver(fb, [reactionEvent(fb.pageId, psid, question, { emoji: "😮", timestamp: twoDaysAgo + 5 })]);
    expect((await conversation(fb.id, psid)).window_closes_at).toBe(
      new Date(reactedAt + 3000 + 86_400_000).toISOString(),
    );
  });
});

describe("standby (handover protocol)", () => {
  it("stores the events, says another app owns the thread until a normal event arrives, and logs it", async () => {
    const fb = await page();
    const [psid, other] = [newPsid(), newPsid()];
    await deliver(fb, [messageEvent(fb.pageId, other, { text: "unrelated" })]);
    await post(
      fb,
      standbyPayloadFor(fb.pageId, [
        messageEvent(fb.pageId, psid, { text: "I want a human", timestamp: Date.now() - 2000 }),
        echoEvent(fb.pageId, psid, { text: "Bot: let me check", timestamp: Date.now() - 1000 }),
      ]),
    );
    const delivery = await lastDelivery(fb.id);
    expect(delivery).toMatchObject({ outcome: "stored", events_count: 2, stored_count: 2, unknown_events: [] });
    expect(delivery.detail).toMatch(/standby.*another app owns the conversation with 1 person/);
    expect((await thread(fb.id, psid)).map((m: { text: string }) => m.text)).toEqual([
      "I want a human",
      "Bot: let me check",
    ]);
    expect(await conversation(fb.id, psid)).toMatchObject({ is_in_standby: true, messages_count: 2 });
    expect(await conversation(fb.id, other)).toMatchObject({ is_in_standby: false });

    // The other app passes the thread back: the person's next event comes on `messaging` again.
    await deliver(fb, [messageEvent(fb.pageId, psid, { text: "thanks" })]);
    expect(await conversation(fb.id, psid)).toMatchObject({ is_in_standby: false, messages_count: 3 });
    expect((await lastDelivery(fb.id)).detail).toBeNull();
  });
});
