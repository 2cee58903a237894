// "Test connection" of a Messenger integration reports the connection's health the way Meta sees it: the token
// (debug_token with the App ID and App Secret: valid, type PAGE, expiry, the scopes the inbox needs) and the last
// webhook from Meta — each problem in one sentence, and the App Secret (sent to Meta in debug_token's query string, as
// Meta documents it) never in an answer or a log line.
import { describe, expect, it, vi } from "vitest";
import { serverEnv } from "@/lib/config/server-env";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { debugTokenCalls, subscribeAll, withHealthPages } from "../helpers/facebook-health";
import type { FakeGraphServer } from "../helpers/fake-graph-server";
import { deliverAccepted, messageEvent, newPsid } from "../helpers/fake-meta-webhook";
import type { TestOrg } from "../helpers/seed";
import { recordSecret } from "../system/support/leak-scan";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "1500");

let org: TestOrg;
let graph: FakeGraphServer;
const { page, testConnection, detail } = withHealthPages((setup) => ({ org, graph } = setup));

describe("test connection: the token as Meta describes it (debug_token)", () => {
  it("reports a valid Page token that never expires, the subscription and the last webhook", async () => {
    const fb = await page();
    subscribeAll(graph, fb);
    const psid = newPsid();
    await deliverAccepted(org, fb, [messageEvent(fb.pageId, psid, { text: "hi" })]);

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
    const [call] = debugTokenCalls(graph, fb.token);
    expect([call.method, call.query.get("access_token")]).toEqual(["GET", `${fb.appId}|${fb.appSecret}`]);
    // …and the secret comes back nowhere (the suite's leak scan also checks every log line for it).
    expect(response.text).not.toContain(fb.appSecret);
    expect((await detail(fb.id)).status).toMatchObject({ last_check_ok: true, needs_reauth: false });
  });

  it("names a missing scope", async () => {
    const fb = await page();
    subscribeAll(graph, fb);
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
    subscribeAll(graph, fb);
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
    subscribeAll(graph, fb);
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
    subscribeAll(graph, fb);
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
    subscribeAll(graph, fb);
    recordSecret(fb.appSecret);
    const env = serverEnv();
    const previous = { secret: env.FACEBOOK_APP_SECRET, graph: env.defaultFacebookApiBaseUrl };
    env.FACEBOOK_APP_SECRET = fb.appSecret;
    // The server's own Graph address (where the server-wide secret was meant to go) is the fake here.
    env.defaultFacebookApiBaseUrl = graph.apiBaseUrl;
    try {
      const response = await testConnection(fb.id);
      expect(response.json).toMatchObject({ ok: true, details: { token: { checked: true, is_valid: true } } });
      expect(debugTokenCalls(graph, fb.token)[0].query.get("access_token")).toBe(`${fb.appId}|${fb.appSecret}`);
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
    expect(debugTokenCalls(graph, withoutAppId.token)).toEqual([]);
  });
});
