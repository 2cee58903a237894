// Where a webhook delivery goes: inactive integrations (acknowledged, not stored), entries routed to their Page's
// integration, the fallback to an org's one integration without page_id, and the bounded delivery log.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import {
  createFacebookIntegration,
  messageEvent,
  newMid,
  newPsid,
  payloadFor,
  postWebhook,
} from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { storedMessages, webhookLogRows } from "../helpers/messenger-rows";
import { createTestOrg, type TestOrg } from "../helpers/seed";
import { newSecret, withWebhookOrg } from "../helpers/webhook-org";

let org: TestOrg;
withWebhookOrg((created) => (org = created));

describe("POST /webhook (storage)", () => {
  it("answers 200 for an inactive integration but stores nothing, and counts it in the log", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret, isActive: false });
    const response = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "hi" })]),
      { secret },
    );
    expect(response).toMatchObject({ status: 200, text: "EVENT_RECEIVED" });
    expect(await storedMessages(fb.id)).toHaveLength(0);
    expect((await webhookLogRows(fb.id))[0]).toMatchObject({
      outcome: "ignored_inactive",
      eventsCount: 1,
      storedCount: 0,
    });
  });

  it("routes entries to the integration of their Page and keeps unknown event kinds in the log", async () => {
    const local = await createTestOrg();
    // Two Pages of one Meta app: one App Secret signs the batch for both.
    const secret = newSecret();
    const first = await createFacebookIntegration(local, { appSecret: secret });
    const second = await createFacebookIntegration(local, { appSecret: secret });
    const psid = newPsid();
    // An event kind this app does not handle (Meta's message_edits): kept verbatim in the log.
    const edit = {
      sender: { id: psid },
      recipient: { id: second.pageId },
      timestamp: Date.now(),
      message_edit: { mid: newMid(), text: "edited", num_edit: 1 },
    };
    const response = await postWebhook(
      local.orgId,
      {
        object: "page",
        entry: [
          { id: first.pageId, time: Date.now(), messaging: [messageEvent(first.pageId, psid, { text: "to first" })] },
          {
            id: second.pageId,
            time: Date.now(),
            messaging: [messageEvent(second.pageId, psid, { text: "to second" }), edit],
          },
        ],
      },
      { secret },
    );
    expect(response.status).toBe(200);
    expect((await storedMessages(first.id)).map((row) => row.text)).toEqual(["to first"]);
    expect((await storedMessages(second.id)).map((row) => row.text)).toEqual(["to second"]);
    const [entry] = await webhookLogRows(second.id);
    expect(entry).toMatchObject({ eventsCount: 2, storedCount: 1 });
    expect(entry.unknownEvents).toEqual([edit]);
  });

  it("falls back to the org's one integration without a page_id", async () => {
    const local = await createTestOrg();
    const secret = newSecret();
    const fb = await createFacebookIntegration(local, { pageId: null, appSecret: secret });
    const response = await postWebhook(
      local.orgId,
      payloadFor("123450000", [messageEvent("123450000", newPsid(), { text: "any page" })]),
      { secret },
    );
    expect(response.status).toBe(200);
    expect((await storedMessages(fb.id)).map((row) => row.recipientId)).toEqual(["123450000"]);
  });

  it("keeps the webhook log bounded per integration", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { isActive: false, appSecret: secret });
    const body = payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid())]);
    for (let i = 0; i < 205; i += 1) expect((await postWebhook(org.orgId, body, { secret })).status).toBe(200);
    expect(await db().messengerWebhookLog.count({ where: { integrationId: fb.id } })).toBe(200);

    const readLog = (key: string, query = "") => inboxApi(key).webhookLog(fb.id, query);
    const { status, json } = await readLog(org.keys.viewer, "?limit=3");
    expect(status).toBe(200);
    expect(json.deliveries).toHaveLength(3);
    expect(json.deliveries[0]).toMatchObject({
      outcome: "ignored_inactive",
      is_verified: true,
      events_count: 1,
      stored_count: 0,
      unknown_events: [],
    });
    expect((await readLog((await createTestOrg()).keys.owner)).status).toBe(404);
  });
});
