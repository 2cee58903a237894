// Page subscription when Meta refuses it or the integration goes: a refusal is stored with Meta's message and
// "Subscribe again" fixes it; deactivating and deleting unsubscribe (unless another integration uses the Page).
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { FAKE_APP_ID } from "../helpers/fake-graph-subscriptions";
import { newAccessToken, newPageId } from "../helpers/fake-meta-webhook";
import { failedJobLogRows } from "../helpers/messenger-rows";
import { withPageSubscriptions } from "../helpers/page-subscription";
import { createTestOrg, type TestOrg } from "../helpers/seed";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "1500");

let org: TestOrg;
let graph: FakeGraphServer;
const { admin, createPage, subscriptionOf, waitForStatus, toggle, subscribeAgain, subscriptionCalls } =
  withPageSubscriptions((setup) => ({ org, graph } = setup));

describe("a refused subscription", () => {
  it("is stored with Meta's message, logged, never fails the create, and “Subscribe again” works once fixed", async () => {
    const token = newAccessToken();
    // The Page token was generated without pages_manage_metadata: Meta refuses to subscribe (code 200).
    graph.setTokenInfo(token, { scopes: ["pages_show_list", "pages_messaging"] });
    const { id, pageId } = await createPage({ token });
    const failed = await waitForStatus(id, "failed");
    expect(failed.error).toBe(
      "Facebook: (#200) Requires pages_manage_metadata permission to manage the object (code 200)",
    );
    expect(subscriptionCalls(pageId, "POST")).toHaveLength(1); // a permission refusal is not retried
    const log = await failedJobLogRows(id);
    expect(log.map((entry) => entry.detail)).toEqual([
      `Subscribing Page ${pageId} to the app's webhook failed: ${failed.error}`,
    ]);

    // Still refused: answered (200, ok: false) with Meta's words, and stored.
    const refused = await subscribeAgain(id);
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({
      ok: false,
      error: failed.error,
      subscription: { status: "failed", error: failed.error },
    });

    graph.setTokenInfo(token, { scopes: ["pages_show_list", "pages_messaging", "pages_manage_metadata"] });
    const fixed = await subscribeAgain(id);
    expect(fixed.json).toMatchObject({ ok: true, subscription: { status: "subscribed", error: null } });
    expect(await subscriptionOf(id)).toMatchObject({ status: "subscribed", error: null });
    expect(graph.pageSubscriptions(pageId)).toEqual([{ appId: FAKE_APP_ID, fields: [...SUBSCRIBED_FIELDS] }]);
    expect(
      await db().auditEntry.count({ where: { targetId: id, action: "integration.page_subscription_requested" } }),
    ).toBe(2);
  });

  it("“Subscribe again” needs write access, an active Facebook integration with a Page ID", async () => {
    const { id } = await createPage({ isActive: false });
    expect((await subscribeAgain(id, org.keys.viewer)).status).toBe(403);
    expect((await subscribeAgain(id)).json).toEqual({
      error: "Activate the integration first: an inactive integration keeps its Page unsubscribed",
    });
    const other = await createTestOrg();
    expect((await subscribeAgain(id, other.keys.admin)).status).toBe(404);
    const hubspot = await admin().create({
      org_id: org.orgId,
      integration_type: "hubspot",
      name: "CRM",
      access_token: "pat-123456789",
      is_active: true,
    });
    expect((await subscribeAgain(hubspot.json.integration.id)).status).toBe(400);
  });
});

describe("deleting", () => {
  const remove = (id: string) => admin().remove({ id });

  it("unsubscribes the Page before the row (and its token) are gone", async () => {
    const { id, pageId, token } = await createPage();
    await waitForStatus(id, "subscribed");
    expect((await remove(id)).status).toBe(200);
    const [call] = subscriptionCalls(pageId, "DELETE");
    expect(call.headers.authorization).toBe(`Bearer ${token}`);
    expect(graph.pageSubscriptions(pageId)).toEqual([]);
  });

  it("goes ahead within a few seconds when Meta does not answer", async () => {
    const { id, pageId, token } = await createPage();
    await waitForStatus(id, "subscribed");
    graph.addPage(token, { id: pageId, name: "Hanging" }, { hangs: true });
    const started = Date.now();
    expect((await remove(id)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await db().integration.findUnique({ where: { id } })).toBeNull();
  });

  it("leaves the Page subscribed while another active integration uses it", async () => {
    const pageId = newPageId();
    const first = await createPage({ pageId });
    const second = await createPage({ pageId });
    await Promise.all([waitForStatus(first.id, "subscribed"), waitForStatus(second.id, "subscribed")]);
    expect((await toggle(first.id, false)).status).toBe(200);
    await waitForStatus(first.id, "unsubscribed");
    expect((await remove(first.id)).status).toBe(200);
    expect(subscriptionCalls(pageId, "DELETE")).toEqual([]);
    expect(graph.pageSubscriptions(pageId)).toHaveLength(1);
  });
});
