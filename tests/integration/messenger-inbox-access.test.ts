// Who may use an integration's inbox (tenant rules, roles, credentials), and what goes when the integration does.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { deliverEvents, deliveryEvent, messageEvent, newPsid } from "../helpers/fake-meta-webhook";
import { inboxApi } from "../helpers/inbox-api";
import { integrationApi } from "../helpers/integration-api";
import { withInboxPages } from "../helpers/inbox-pages";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let graph: FakeGraphServer;
const { page } = withInboxPages((setup) => ({ org, graph } = setup));

const listMessages = (id: string, query = "", key = org.keys.viewer) => inboxApi(key).messages(id, query);
const listConversations = (id: string, key: string) => inboxApi(key).conversations(id);
const send = (id: string, body: unknown, key: string) => inboxApi(key).send(id, body);

describe("tenant rules on the inbox", () => {
  it("hides another organization's inbox (404), lets a viewer read but not send (403), and needs credentials (401)", async () => {
    const fb = await page();
    const psid = newPsid();
    await deliverEvents(org, fb, [messageEvent(fb.pageId, psid, { text: "private" })]);
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
    const anonymous = await inboxApi().messages(fb.id);
    expect(anonymous.status).toBe(401);
    expect((await listMessages("not-a-uuid")).status).toBe(400);
    expect(graph.sentMessages(fb.accessToken)).toHaveLength(0);
  });
});

describe("deleting an integration", () => {
  it("deletes its messages, receipts and webhook log with it", async () => {
    const fb = await page();
    const psid = newPsid();
    await deliverEvents(org, fb, [
      messageEvent(fb.pageId, psid, { text: "bye" }),
      deliveryEvent(fb.pageId, psid, Date.now()),
    ]);
    const where = { integrationId: fb.id };
    expect(await db().messengerMessage.count({ where })).toBe(1);
    const deleted = await integrationApi(org.keys.admin).remove({ id: fb.id });
    expect(deleted.status).toBe(200);
    expect([
      await db().messengerMessage.count({ where }),
      await db().messengerConversation.count({ where }),
      await db().messengerWebhookLog.count({ where }),
    ]).toEqual([0, 0, 0]);
    expect((await listMessages(fb.id)).status).toBe(404);
  });
});
