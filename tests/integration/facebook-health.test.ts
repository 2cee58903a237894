// "Test connection" of a Messenger integration reports the connection's health the way Meta sees it: the token
// (debug_token with the App ID and App Secret: valid, type PAGE, expiry, the scopes the inbox needs), whether the
// Page is subscribed to the app's webhook, and the last webhook from Meta — each problem in one sentence, and the
// App Secret (sent to Meta in debug_token's query string, as Meta documents it) never in an answer or a log line.
import { randomInt, randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as testRoute from "@/app/organization-integration/[integration_id]/test/route";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { messageEvent, newPageId, newPsid, payloadFor, postWebhook } from "../helpers/fake-meta-webhook";
import { createRoute, detailRoute } from "../helpers/routes";
import { withOrgAndFakeGraph } from "../helpers/org-with-fake-graph";
import type { TestOrg } from "../helpers/seed";
import { recordSecret } from "../system/support/leak-scan";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "1500");

let org: TestOrg;
let graph: FakeGraphServer;

withOrgAndFakeGraph((setup) => ({ org, graph } = setup));

type Page = { id: string; pageId: string; token: string; appId: string; appSecret: string };

/**
 * A Page whose token belongs to its own Meta app. Created inactive and then switched on in the database: no
 * background subscription runs, so each test decides what Meta's side looks like.
 */
async function page(options: { withAppId?: boolean; withAppSecret?: boolean; isActive?: boolean } = {}): Promise<Page> {
  const pageId = newPageId();
  const token = `EAAB${randomUUID().replaceAll("-", "")}`;
  const appId = String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100_000, 999_999));
  const appSecret = `app-secret-${randomUUID()}`;
  graph.addPage(token, { id: pageId, name: "Acme Support" });
  graph.setTokenInfo(token, { appId });
  graph.addApp(appId, appSecret, "Acme Inbox");
  const response = await callRoute(createRoute.POST, {
    method: "POST",
    path: "/create-organization-integration",
    headers: bearer(org.keys.admin),
    body: {
      org_id: org.orgId,
      integration_type: "facebook",
      name: `Page ${pageId}`,
      access_token: token,
      api_base_url: graph.apiBaseUrl,
      config: { page_id: pageId },
      is_active: false,
      ...(options.withAppId === false ? {} : { api_key: appId }),
      ...(options.withAppSecret === false ? {} : { api_secret: appSecret }),
    },
  });
  expect(response.status).toBe(201);
  const id = response.json.integration.id as string;
  if (options.isActive !== false) await db().integration.update({ where: { id }, data: { isActive: true } });
  return { id, pageId, token, appId, appSecret };
}

const testConnection = (id: string) =>
  callRoute(testRoute.POST, {
    method: "POST",
    path: `/organization-integration/${id}/test`,
    params: { integration_id: id },
    headers: bearer(org.keys.admin),
  });
const detail = async (id: string) =>
  (
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${id}`,
      params: { integration_id: id },
      headers: bearer(org.keys.admin),
    })
  ).json.integration;
const subscribeAll = (fb: Page) => graph.subscribePage(fb.pageId, [...SUBSCRIBED_FIELDS], fb.appId);
const debugTokenCalls = (token: string) =>
  graph.requests.filter(
    (request) => request.path === "/v21.0/debug_token" && request.query.get("input_token") === token,
  );

describe("test connection: the token as Meta describes it (debug_token)", () => {
  it("reports a valid Page token that never expires, the subscription and the last webhook", async () => {
    const fb = await page();
    subscribeAll(fb);
    const psid = newPsid();
    expect(
      (
        await postWebhook(org.orgId, payloadFor(fb.pageId, [messageEvent(fb.pageId, psid, { text: "hi" })]), {
          secret: fb.appSecret,
        })
      ).status,
    ).toBe(200);

    const response = await testConnection(fb.id);
    expect(response.json).toMatchObject({
      ok: true,
      details: {
        id: fb.pageId,
        name: "Acme Support",
        token: {
          checked: true,
          is_valid: true,
          type: "PAGE",
          app_id: fb.appId,
          expires_at: null,
          never_expires: true,
          missing_scopes: [],
          error: null,
        },
        subscription: { is_subscribed: true, app_id: fb.appId, fields: [...SUBSCRIBED_FIELDS], missing_fields: [] },
      },
    });
    expect(Date.now() - Date.parse(response.json.details.last_event_at)).toBeLessThan(60_000);
    // Meta's documented form: both tokens in the query string of a GET…
    const [call] = debugTokenCalls(fb.token);
    expect([call.method, call.query.get("access_token")]).toEqual(["GET", `${fb.appId}|${fb.appSecret}`]);
    // …and the secret comes back nowhere (the suite's leak scan also checks every log line for it).
    expect(response.text).not.toContain(fb.appSecret);
    expect((await detail(fb.id)).status).toMatchObject({ last_check_ok: true, needs_reauth: false });
  });

  it("names a missing scope", async () => {
    const fb = await page();
    subscribeAll(fb);
    graph.setTokenInfo(fb.token, { scopes: ["pages_show_list", "pages_manage_metadata"] });
    const response = await testConnection(fb.id);
    expect(response.json).toMatchObject({
      ok: false,
      error: "The Page access token lacks the pages_messaging permission.",
      details: {
        token: { is_valid: true, missing_scopes: ["pages_messaging"] },
        subscription: { is_subscribed: true },
      },
    });
    expect((await detail(fb.id)).status).toMatchObject({
      last_check_ok: false,
      last_check_error: response.json.error,
      needs_reauth: false,
    });
  });

  it("shows when the token expires (expires_at), and a token of the wrong type", async () => {
    const fb = await page();
    subscribeAll(fb);
    const expiresAt = Math.floor(Date.now() / 1000) + 5 * 86_400;
    graph.setTokenInfo(fb.token, { expiresAt });
    const expiring = await testConnection(fb.id);
    expect(expiring.json).toMatchObject({
      ok: true,
      details: { token: { expires_at: new Date(expiresAt * 1000).toISOString(), never_expires: false } },
    });

    graph.setTokenInfo(fb.token, { type: "USER" });
    expect((await testConnection(fb.id)).json).toMatchObject({
      ok: false,
      error: "The access token is a USER token, not a Page token.",
    });
  });

  it("a token Meta calls invalid needs replacing", async () => {
    const fb = await page();
    subscribeAll(fb);
    graph.setTokenInfo(fb.token, { isValid: false });
    const response = await testConnection(fb.id);
    expect(response.json).toMatchObject({
      ok: false,
      error: "The Page access token is not valid: Meta says the token is not valid.",
      details: { token: { is_valid: false } },
    });
    expect((await detail(fb.id)).status.needs_reauth).toBe(true);
  });

  it("a wrong App Secret is reported as such, and does not flag the Page token", async () => {
    const fb = await page();
    subscribeAll(fb);
    graph.addApp(fb.appId, "a-different-secret");
    const response = await testConnection(fb.id);
    expect(response.json).toMatchObject({
      ok: false,
      error:
        "Meta refused to inspect the token with this App ID and App Secret: Facebook: Invalid OAuth access token signature. (code 190).",
      details: { token: { checked: false } },
    });
    expect(response.text).not.toContain(fb.appSecret);
    expect((await detail(fb.id)).status.needs_reauth).toBe(false);
  });

  it("uses FACEBOOK_APP_SECRET when the integration has no App Secret, and skips the check without an App ID", async () => {
    const fb = await page({ withAppSecret: false });
    subscribeAll(fb);
    recordSecret(fb.appSecret);
    const env = serverEnv();
    const previous = { secret: env.FACEBOOK_APP_SECRET, graph: env.defaultFacebookApiBaseUrl };
    env.FACEBOOK_APP_SECRET = fb.appSecret;
    // The server's own Graph address (where the server-wide secret was meant to go) is the fake here.
    env.defaultFacebookApiBaseUrl = graph.apiBaseUrl;
    try {
      const response = await testConnection(fb.id);
      expect(response.json).toMatchObject({ ok: true, details: { token: { checked: true, is_valid: true } } });
      expect(debugTokenCalls(fb.token)[0].query.get("access_token")).toBe(`${fb.appId}|${fb.appSecret}`);
    } finally {
      env.FACEBOOK_APP_SECRET = previous.secret;
      env.defaultFacebookApiBaseUrl = previous.graph;
    }

    const withoutAppId = await page({ withAppId: false });
    graph.subscribePage(withoutAppId.pageId, [...SUBSCRIBED_FIELDS], withoutAppId.appId);
    const response = await testConnection(withoutAppId.id);
    expect(response.json).toMatchObject({
      ok: true,
      details: { token: { checked: false, reason: expect.stringMatching(/App ID \(api_key\) and App Secret/) } },
    });
    expect(debugTokenCalls(withoutAppId.token)).toEqual([]);
  });
});

describe("the server-wide App Secret", () => {
  // Attack replayed from a review: an admin points api_base_url at their own host, leaves api_secret empty and presses
  // Test connection, hoping the server's FACEBOOK_APP_SECRET travels to debug_token on that host.
  it("is never sent to an api_base_url an admin chose", async () => {
    const fb = await page({ withAppSecret: false });
    subscribeAll(fb);
    const env = serverEnv();
    const previous = env.FACEBOOK_APP_SECRET;
    const serverSecret = `server-wide-${fb.appId}`;
    recordSecret(serverSecret);
    env.FACEBOOK_APP_SECRET = serverSecret;
    try {
      const response = await testConnection(fb.id);
      expect(response.json).toMatchObject({ details: { token: { checked: false } } });
      expect(debugTokenCalls(fb.token)).toEqual([]);
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
