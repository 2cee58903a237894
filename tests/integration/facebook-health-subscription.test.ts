// "Test connection" of a Messenger integration: whether the Page is subscribed to the app's webhook (all the fields
// the inbox needs), and the server-wide App Secret never sent to an address an admin chose.
import { describe, expect, it, vi } from "vitest";
import { serverEnv } from "@/lib/config/server-env";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { debugTokenCalls, subscribeAll, withHealthPages } from "../helpers/facebook-health";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { recordSecret } from "../system/support/leak-scan";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "1500");

let graph: FakeGraphServer;
const { page, testConnection, detail } = withHealthPages((setup) => ({ graph } = setup));

describe("the server-wide App Secret", () => {
  // Attack replayed from a review: an admin points api_base_url at their own host, leaves api_secret empty and presses
  // Test connection, hoping the server's FACEBOOK_APP_SECRET travels to debug_token on that host.
  it("is never sent to an api_base_url an admin chose", async () => {
    const fb = await page({ withAppSecret: false });
    subscribeAll(graph, fb);
    const env = serverEnv();
    const previous = env.FACEBOOK_APP_SECRET;
    const serverSecret = `server-wide-${fb.appId}`;
    recordSecret(serverSecret);
    env.FACEBOOK_APP_SECRET = serverSecret;
    try {
      const response = await testConnection(fb.id);
      expect(response.json).toMatchObject({ details: { token: { checked: false } } });
      expect(debugTokenCalls(graph, fb.token)).toEqual([]);
      expect(JSON.stringify(graph.requests)).not.toContain(serverSecret);
    } finally {
      env.FACEBOOK_APP_SECRET = previous;
    }
  });
});

describe("test connection: the Page's webhook subscription (GET subscribed_apps)", () => {
  it("reports an active Page that is not subscribed to this app, and marks the subscription failed", async () => {
    const fb = await page();
    graph.subscribePage(fb.pageId, ["messages"], "111111111111111"); // another app's subscription is not ours
    const response = await testConnection(fb.id);
    expect(response.json).toMatchObject({
      ok: false,
      error: `Page ${fb.pageId} is not subscribed to app ${fb.appId}'s webhook, so Meta delivers none of its messages: use “Subscribe again”.`,
      details: { subscription: { is_subscribed: false, app_id: fb.appId, missing_fields: [...SUBSCRIBED_FIELDS] } },
    });
    expect((await detail(fb.id)).messenger.subscription).toMatchObject({
      status: "failed",
      error: `Meta reports that Page ${fb.pageId} is not subscribed to the app's webhook (found by Test connection)`,
    });
  });

  it("reports the fields a subscription lacks", async () => {
    const fb = await page();
    graph.subscribePage(fb.pageId, ["messages", "messaging_postbacks", "message_deliveries"], fb.appId);
    expect((await testConnection(fb.id)).json).toMatchObject({
      ok: false,
      error: `Page ${fb.pageId} is subscribed without message_reads, message_echoes, message_reactions: use “Subscribe again”.`,
    });
  });

  it("an inactive integration is expected to be unsubscribed", async () => {
    const fb = await page({ isActive: false });
    const response = await testConnection(fb.id);
    expect(response.json).toMatchObject({ ok: true, details: { subscription: { is_subscribed: false } } });
    expect((await detail(fb.id)).messenger.subscription.status).toBe("unsubscribed");
  });
});
