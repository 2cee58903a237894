import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import { createFacebookIntegration } from "../helpers/fake-meta-webhook";
import { createIntegration, integrationApi } from "../helpers/integration-api";
import { setProviderTimeout, setUpOrgWithProviders } from "../helpers/org-fixture";
import { salesforceClient, token } from "../helpers/seeded-integrations";
import { createTestOrg } from "../helpers/seed";

setProviderTimeout(800);
const env = setUpOrgWithProviders("graph", "hubspot", "salesforce", "odoo");

const testConnection = (id: string, key = env.org.keys.admin) => integrationApi(key).testConnection(id);
const status = async (id: string) => (await env.admin.integration(id)).status;
const create = (body: Record<string, unknown>) =>
  createIntegration(env.org, { name: `${body.integration_type} ${token()}`, ...body });

describe("test connection: facebook", () => {
  it("answers the Page's id and name and records a good check", async () => {
    const fb = await createFacebookIntegration(env.org, { apiBaseUrl: env.graph.apiBaseUrl });
    env.graph.addPage(fb.accessToken, { id: fb.pageId, name: "Acme Support" });
    // A healthy active Page is also subscribed to the app's webhook (test connection checks that too).
    env.graph.subscribePage(fb.pageId, [...SUBSCRIBED_FIELDS]);
    const response = await testConnection(fb.id);
    expect(response).toMatchObject({
      status: 200,
      json: { ok: true, details: { id: fb.pageId, name: "Acme Support" } },
    });
    // The first GET with this token (a background subscription call may also use it).
    const request = env.graph.requests.find(
      (r) => r.method === "GET" && r.headers.authorization === `Bearer ${fb.accessToken}`,
    )!;
    expect([request.method, request.path, request.query.get("fields")]).toEqual(["GET", "/v21.0/me", "id,name"]);
    expect(await status(fb.id)).toMatchObject({ last_check_ok: true, last_check_error: null, needs_reauth: false });
    expect(Date.now() - Date.parse((await status(fb.id)).last_checked_at)).toBeLessThan(60_000);
    expect(await db().auditEntry.count({ where: { targetId: fb.id, action: "integration.connection_tested" } })).toBe(
      1,
    );
  });

  it("answers ok:false when the token belongs to another Page than the configured page_id", async () => {
    const fb = await createFacebookIntegration(env.org, { apiBaseUrl: env.graph.apiBaseUrl });
    env.graph.addPage(fb.accessToken, { id: "555000111", name: "Some Other Page" });
    expect((await testConnection(fb.id)).json).toEqual({
      ok: false,
      error: `The access token belongs to Page 555000111, not to the configured page_id ${fb.pageId}`,
    });
    expect(await status(fb.id)).toMatchObject({ last_check_ok: false, needs_reauth: false });
  });

  it("answers ok:false with Meta's words for a refused token, and marks it as needing a new one", async () => {
    const fb = await createFacebookIntegration(env.org, { apiBaseUrl: env.graph.apiBaseUrl });
    const response = await testConnection(fb.id);
    expect(response).toMatchObject({
      status: 200,
      json: { ok: false, error: "Facebook: Invalid OAuth access token - Cannot parse access token (code 190)" },
    });
    expect(await status(fb.id)).toMatchObject({
      last_check_ok: false,
      needs_reauth: true,
      last_check_error: response.json.error,
    });
  });

  it("answers ok:false when the Graph API hangs or cannot be reached", async () => {
    const slow = await createFacebookIntegration(env.org, { apiBaseUrl: env.graph.apiBaseUrl });
    env.graph.addPage(slow.accessToken, { id: slow.pageId, name: "Slow" }, { hangs: true });
    expect((await testConnection(slow.id)).json).toEqual({ ok: false, error: "Facebook did not answer within 0.8 s" });
    const closed = await createFacebookIntegration(env.org, { apiBaseUrl: "http://127.0.0.1:9/v21.0" });
    expect((await testConnection(closed.id)).json).toEqual({ ok: false, error: "Facebook could not be reached" });
    expect((await status(closed.id)).needs_reauth).toBe(false);
  });

  it("needs write permission and hides other organizations' integrations", async () => {
    const fb = await createFacebookIntegration(env.org, { apiBaseUrl: env.graph.apiBaseUrl });
    expect((await testConnection(fb.id, env.org.keys.viewer)).status).toBe(403);
    const stranger = await createTestOrg();
    expect(await testConnection(fb.id, stranger.keys.owner)).toMatchObject({
      status: 404,
      json: { error: "Integration not found" },
    });
    expect((await testConnection("nope")).status).toBe(400);
    expect((await status(fb.id)).last_checked_at).toBeNull();
  });
});

describe("test connection: other providers", () => {
  it("hubspot: reads the account details with the private app token", async () => {
    const good = token();
    env.hubspot.addToken(good, 4_400_123);
    const id = await create({ integration_type: "hubspot", api_base_url: env.hubspot.origin, access_token: good });
    expect((await testConnection(id)).json).toEqual({
      ok: true,
      details: { portal_id: 4_400_123, account_type: "STANDARD", ui_domain: "app.hubspot.com" },
    });
    const bad = await create({ integration_type: "hubspot", api_base_url: env.hubspot.origin, access_token: token() });
    const refused = await testConnection(bad);
    expect(refused.json.ok).toBe(false);
    expect(refused.json.error).toMatch(/^HubSpot: Authentication credentials not found/);
    expect((await status(bad)).needs_reauth).toBe(true);
  });

  it("salesforce: refreshes the token, stores the rotated refresh token, then reads the limits", async () => {
    const { refreshToken: refresh, secrets } = salesforceClient(env.salesforce);
    const id = await create({
      integration_type: "salesforce",
      api_base_url: env.salesforce.origin,
      api_key: secrets.apiKey,
      api_secret: secrets.apiSecret,
      refresh_token: refresh,
    });
    const first = await testConnection(id);
    expect(first.json).toEqual({
      ok: true,
      details: { instance_url: env.salesforce.origin, daily_api_requests: { max: 15000, remaining: 14998 } },
    });
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    const rotated = openSecret(row, "refreshToken")!;
    expect(rotated).not.toBe(refresh);
    expect(env.salesforce.isRefreshTokenValid(rotated)).toBe(true);
    expect(row.config).toMatchObject({ instance_url: env.salesforce.origin });
    // The second check only works because the rotated token was stored.
    expect((await testConnection(id)).json.ok).toBe(true);

    const revoked = await create({
      integration_type: "salesforce",
      api_base_url: env.salesforce.origin,
      api_key: secrets.apiKey,
      refresh_token: token(),
    });
    expect((await testConnection(revoked)).json).toEqual({
      ok: false,
      error: "Salesforce: expired access/refresh token (invalid_grant)",
    });
    expect((await status(revoked)).needs_reauth).toBe(true);
  });

  it("odoo: checks the version, then authenticates; a refused key is ok:false", async () => {
    const database = `db_${randomInt(1e6)}`;
    const key = token();
    env.odoo.addAccount({ database, login: "admin@acme.test", key, uid: 7 });
    const id = await create({
      integration_type: "odoo_crm",
      api_base_url: env.odoo.origin,
      api_secret: key,
      config: { database, login: "admin@acme.test" },
    });
    expect((await testConnection(id)).json).toEqual({ ok: true, details: { uid: 7, server_version: "17.0" } });
    const wrongKey = await create({
      integration_type: "odoo_crm",
      api_base_url: env.odoo.origin,
      api_secret: token(),
      config: { database, login: "admin@acme.test" },
    });
    expect((await testConnection(wrongKey)).json).toEqual({
      ok: false,
      error: "Odoo: the database, login or API key was refused",
    });
    const wrongDb = await create({
      integration_type: "odoo_crm",
      api_base_url: env.odoo.origin,
      api_secret: key,
      config: { database: "missing", login: "x" },
    });
    expect((await testConnection(wrongDb)).json).toEqual({
      ok: false,
      error: 'Odoo: database "missing" does not exist',
    });
  });

  it("says when a type has no test yet", async () => {
    const id = await create({ integration_type: "other" });
    expect(await testConnection(id)).toMatchObject({
      status: 200,
      json: { ok: false, error: "Test connection is not available for other yet" },
    });
  });
});
