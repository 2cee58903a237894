// Meta echoes every message the Page sends. The echo of a reply sent here — before or after Meta answered the Send
// API call — completes that reply and is never stored twice; an echo of a reply typed in Meta's Page inbox (or sent
// by another app) is stored as an outbound message sent "elsewhere".
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { deliverEvents, deliveryEvent, echoEvent, newMid, type FacebookFixture } from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { connectedPage, personWrites } from "../helpers/messenger-replies";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import type { TestOrg } from "../helpers/seed";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "800");

let org: TestOrg;
let graph: FakeGraphServer;

withOrgAndFakeGraph((setup) => ({ org, graph } = setup));

const deliver = (fb: FacebookFixture, events: Record<string, unknown>[]) => deliverEvents(org, fb, events);
const thread = async (fb: FacebookFixture, psid: string) =>
  (await inboxApi(org.keys.viewer).messages(fb.id, `?psid=${psid}`)).json.messages;
const conversation = (fb: FacebookFixture, psid: string) =>
  db().messengerConversation.findUniqueOrThrow({ where: { integrationId_psid: { integrationId: fb.id, psid } } });

describe("echoes of the Page's messages", () => {
  it("an echo that arrives before Meta's answer completes the pending reply; one message, Meta's mid", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    graph.beforeSendAnswer(async (message) => {
      const response = await deliver(fb, [
        echoEvent(fb.pageId, psid, {
          mid: message.messageId,
          text: message.text ?? "",
          metadata: message.metadata ?? undefined,
        }),
      ]);
      expect(response.status).toBe(200);
    });
    const { json } = await inboxApi(org.keys.admin).send(fb.id, { recipient_id: psid, text: "Echo races the answer" });
    graph.beforeSendAnswer(null);
    const [call] = graph.sentMessages(fb.accessToken);
    expect(json.sent).toMatchObject({ status: "sent", mid: call.messageId, origin: "app" });
    const messages = await thread(fb, psid);
    expect(
      messages.map((m: { direction: string; mid: string; origin: string | null }) => [m.direction, m.mid, m.origin]),
    ).toEqual([
      ["outbound", call.messageId, "app"],
      ["inbound", expect.any(String), null],
    ]);
    expect((await conversation(fb, psid)).messagesCount).toBe(2);
  });

  it("an echo after Meta's answer (and its redelivery) changes nothing; receipts still apply", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    const { json } = await inboxApi(org.keys.admin).send(fb.id, { recipient_id: psid, text: "Answer first" });
    const echo = echoEvent(fb.pageId, psid, {
      mid: json.sent.mid,
      text: "Answer first",
      metadata: `org-integrations:${json.sent.id}`,
    });
    await deliver(fb, [echo]);
    await deliver(fb, [echo, deliveryEvent(fb.pageId, psid, Date.now() + 1000, [json.sent.mid])]);
    const outbound = (await thread(fb, psid)).filter((m: { direction: string }) => m.direction === "outbound");
    expect(outbound).toEqual([expect.objectContaining({ id: json.sent.id, mid: json.sent.mid, status: "delivered" })]);
    expect((await conversation(fb, psid)).messagesCount).toBe(2);
  });

  it("the echo of a reply whose call timed out proves it was sent: failed becomes sent", async () => {
    const fb = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    graph.addPage(fb.accessToken, { id: fb.pageId, name: "Slow" }, { hangs: true });
    const { json } = await inboxApi(org.keys.admin).send(fb.id, { recipient_id: psid, text: "Did it go?" });
    expect(json.sent).toMatchObject({ status: "failed", error_message: "Facebook did not answer within 0.8 s" });
    const mid = newMid();
    await deliver(fb, [
      echoEvent(fb.pageId, psid, { mid, text: "Did it go?", metadata: `org-integrations:${json.sent.id}` }),
    ]);
    expect(await db().messengerMessage.findUniqueOrThrow({ where: { id: json.sent.id } })).toMatchObject({
      mid,
      status: "sent",
      errorMessage: null,
    });
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id, direction: "outbound" } })).toBe(1);
  });

  it("stores an echo from Meta's Page inbox (or another app) as an outbound message sent elsewhere", async () => {
    const fb = await connectedPage(org, graph);
    const other = await connectedPage(org, graph);
    const psid = await personWrites(org, fb);
    const otherReply = (
      await inboxApi(org.keys.admin).send(other.id, {
        recipient_id: await personWrites(org, other),
        text: "Other Page",
      })
    ).json.sent;
    const typedInMeta = echoEvent(fb.pageId, psid, { text: "Typed in Meta Business Suite" });
    // Metadata naming another integration's reply, or a reply to someone else, is not an echo of ours.
    const foreign = echoEvent(fb.pageId, psid, { text: "Another app", metadata: `org-integrations:${otherReply.id}` });
    await deliver(fb, [typedInMeta, foreign]);
    await deliver(fb, [typedInMeta]);
    const outbound = (await thread(fb, psid)).filter((m: { direction: string }) => m.direction === "outbound");
    expect(
      outbound.map((m: { text: string; origin: string; status: string }) => [m.text, m.origin, m.status]).sort(),
    ).toEqual([
      ["Another app", "elsewhere", "sent"],
      ["Typed in Meta Business Suite", "elsewhere", "sent"],
    ]);
    expect((await conversation(fb, psid)).messagesCount).toBe(3);
    expect(await db().messengerMessage.findUniqueOrThrow({ where: { id: otherReply.id } })).toMatchObject({
      mid: otherReply.mid,
      status: "sent",
    });
  });
});
