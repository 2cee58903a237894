import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import { createRoute, deleteRoute, detailRoute, listRoute, toggleRoute, updateRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

const MASK = "••••••";
let org: TestOrg;
let auth: Record<string, string>;

beforeAll(async () => {
  org = await createTestOrg();
  auth = bearer(org.keys.admin);
});

const create = (body: unknown) =>
  callRoute(createRoute.POST, { method: "POST", path: "/create-organization-integration", body, headers: auth });
const detail = (id: string) =>
  callRoute(detailRoute.GET, {
    path: `/organization-integration/${id}`,
    params: { integration_id: id },
    headers: auth,
  });
const update = (body: unknown) =>
  callRoute(updateRoute.POST, { method: "POST", path: "/update-organization-integration", body, headers: auth });

describe("create", () => {
  it("creates a minimal Facebook integration with generated webhook URL, verify token and API base", async () => {
    const { status, json } = await create({
      org_id: org.orgId,
      integration_type: "facebook",
      name: "Company Facebook Page",
      access_token: "EAABbmNuhsFYBACl1zUIfRQP7rqZASPqBbAMy",
      is_active: true,
    });
    expect(status).toBe(201);
    expect(json.message).toBe("Integration created successfully");
    const integration = json.integration;
    expect(integration.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(integration).toMatchObject({
      org_id: org.orgId,
      integration_type: "facebook",
      name: "Company Facebook Page",
      is_active: true,
      webhook_url: `https://integrations.example.test/webhook?org_id=${org.orgId}`,
      api_base_url: "https://graph.facebook.com/v21.0",
      access_token: MASK,
      api_secret: null,
      refresh_token: null,
      config: {},
    });
    expect(integration.webhook_verify_token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(new Date(integration.created_at).toISOString()).toBe(integration.created_at);
  });

  it("keeps a verify token and config the admin chose", async () => {
    const { status, json } = await create({
      org_id: org.orgId,
      integration_type: "facebook",
      name: "Custom",
      access_token: "token-1",
      webhook_verify_token: "my_custom_verify_token",
      config: { page_id: "123456789012345" },
    });
    expect(status).toBe(201);
    expect(json.integration.webhook_verify_token).toBe("my_custom_verify_token");
    expect(json.integration.config).toEqual({ page_id: "123456789012345" });
    expect(json.integration.is_active).toBe(false);
  });

  it("stores every secret encrypted: the raw row holds no plaintext", async () => {
    const secrets = {
      api_key: "plain-api-key-012",
      api_secret: "plain-app-secret-123",
      access_token: "plain-access-456",
      refresh_token: "plain-refresh-789",
    };
    const { json } = await create({ org_id: org.orgId, integration_type: "other", name: "Vault test", ...secrets });
    // api_key is encrypted at rest too, and still shown in clear by the detail, as the guide does.
    expect(json.integration).toMatchObject({
      api_key: "plain-api-key-012",
      api_secret: MASK,
      access_token: MASK,
      refresh_token: MASK,
    });
    const [row] = await db().$queryRawUnsafe<Record<string, string>[]>(
      "SELECT api_key, api_secret, access_token, refresh_token, row_to_json(integrations)::text AS whole FROM integrations WHERE id = $1::uuid",
      json.integration.id,
    );
    for (const [column, plaintext] of Object.entries(secrets)) {
      expect(row[column]).toMatch(/^v2:/);
      expect(row.whole).not.toContain(plaintext);
    }
  });

  it.each([
    [{ integration_type: "facebook", name: "x" }],
    [{ org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b", name: "x" }],
    [{ org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b", integration_type: "facebook", name: "" }],
  ])("answers the guide's sentence when a required field is missing (%#)", async (body) => {
    const { status, json } = await create(body);
    expect(status).toBe(400);
    expect(json).toEqual({ error: "org_id, integration_type, and name are required" });
  });

  it.each([
    ["unknown type", { integration_type: "myspace" }, /integration_type must be one of/],
    ["facebook without token", { integration_type: "facebook" }, /access_token/],
    [
      "non-numeric page id",
      { integration_type: "facebook", access_token: "t", config: { page_id: "abc" } },
      /config\.page_id/,
    ],
    ["odoo without database", { integration_type: "odoo_crm", config: { login: "me" } }, /config\.database/],
    ["config not an object", { integration_type: "other", config: [1, 2] }, /config/],
    ["bad URL", { integration_type: "other", api_base_url: "ftp://x" }, /api_base_url/],
    ["wrong type", { integration_type: "other", is_active: "yes" }, /is_active/],
    ["unknown field", { integration_type: "other", surprise: 1 }, /surprise/],
  ])("rejects %s with a clear 400", async (_label, fields, message) => {
    const { status, json } = await create({ org_id: org.orgId, name: "Bad", ...fields });
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it("rejects malformed JSON, non-objects and oversized bodies without a 500", async () => {
    const post = (rawBody: string) =>
      callRoute(createRoute.POST, { method: "POST", path: "/create-organization-integration", rawBody, headers: auth });
    expect((await post("{not json")).json).toEqual({ error: "Request body is not valid JSON" });
    expect((await post("[1,2]")).status).toBe(400);
    expect((await post("")).status).toBe(400);
    const huge = await post(
      JSON.stringify({
        org_id: org.orgId,
        integration_type: "other",
        name: "x",
        config: { blob: "a".repeat(1_100_000) },
      }),
    );
    expect(huge.status).toBe(413);
    expect(huge.json.error).toMatch(/larger than/);
  });
});

describe("list and detail", () => {
  it("lists the org's integrations without secret fields, and filters active ones", async () => {
    const other = await createTestOrg();
    await callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      body: { org_id: other.orgId, integration_type: "hubspot", name: "Foreign" },
      headers: bearer(other.keys.admin),
    });
    const active = await create({
      org_id: org.orgId,
      integration_type: "hubspot",
      name: "Active HubSpot",
      access_token: "pat",
      is_active: true,
    });
    const all = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}`,
      headers: auth,
    });
    expect(all.status).toBe(200);
    expect(all.json.integrations.length).toBeGreaterThan(1);
    expect(all.json.integrations.every((i: { org_id: string }) => i.org_id === org.orgId)).toBe(true);
    for (const item of all.json.integrations) {
      expect(Object.keys(item).sort()).toEqual([
        "api_base_url",
        "created_at",
        "id",
        "integration_type",
        "is_active",
        "name",
        "org_id",
        "status",
        "updated_at",
        "webhook_url",
      ]);
      // The list's status is the token's health only (so it can show "Reconnect"), never a credential.
      expect(Object.keys(item.status).sort()).toEqual(["needs_reauth", "token_state"]);
    }
    const onlyActive = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}&active_only=true`,
      headers: auth,
    });
    expect(onlyActive.json.integrations.map((i: { id: string }) => i.id)).toContain(active.json.integration.id);
    expect(onlyActive.json.integrations.every((i: { is_active: boolean }) => i.is_active)).toBe(true);
  });

  it("validates the query string", async () => {
    const missing = await callRoute(listRoute.GET, { path: "/organization-integrations", headers: auth });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatch(/org_id/);
    const badFlag = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}&active_only=maybe`,
      headers: auth,
    });
    expect(badFlag.status).toBe(400);
  });

  it("returns every documented field with secrets masked; 404 for unknown ids, 400 for non-UUIDs", async () => {
    const { json } = await create({
      org_id: org.orgId,
      integration_type: "salesforce",
      name: "SF",
      api_key: "consumer-key",
      api_secret: "consumer-secret",
      refresh_token: "refresh",
      token_expires_at: "2030-06-14T12:30:45.123Z",
      config: { instance_url: "https://acme.my.salesforce.com" },
    });
    const found = await detail(json.integration.id);
    expect(found.status).toBe(200);
    expect(found.json.integration).toMatchObject({
      api_key: "consumer-key",
      api_secret: MASK,
      access_token: null,
      refresh_token: MASK,
      token_expires_at: "2030-06-14T12:30:45.123Z",
      api_base_url: "https://login.salesforce.com",
      config: { instance_url: "https://acme.my.salesforce.com" },
    });
    expect((await detail("55fcad75-d3d2-4cf2-9313-8974f57dbc93")).json).toEqual({ error: "Integration not found" });
    expect((await detail("55fcad75-d3d2-4cf2-9313-8974f57dbc93")).status).toBe(404);
    expect((await detail("not-a-uuid")).status).toBe(400);
  });
});

describe("update, toggle, delete", () => {
  async function newFacebook() {
    const { json } = await create({
      org_id: org.orgId,
      integration_type: "facebook",
      name: "FB",
      access_token: "original-token",
      api_secret: "original-app-secret",
      config: { page_id: "111" },
    });
    return json.integration;
  }
  const storedSecrets = (id: string) => db().integration.findUniqueOrThrow({ where: { id } });

  it("updates fields and keeps secrets that are omitted or sent back masked", async () => {
    const created = await newFacebook();
    const before = await storedSecrets(created.id);
    const { status, json } = await update({
      id: created.id,
      name: "Updated Facebook Integration",
      webhook_url: "https://example.com/updated-webhook",
      config: { page_id: "987654321098765" },
      access_token: MASK,
    });
    expect(status).toBe(200);
    expect(json.message).toBe("Integration updated successfully");
    expect(json.integration).toMatchObject({
      name: "Updated Facebook Integration",
      webhook_url: "https://example.com/updated-webhook",
      config: { page_id: "987654321098765" },
      access_token: MASK,
      api_secret: MASK,
    });
    const after = await storedSecrets(created.id);
    expect(after.accessToken).toBe(before.accessToken);
    expect(after.apiSecret).toBe(before.apiSecret);
    expect(new Date(json.integration.updated_at).getTime()).toBeGreaterThanOrEqual(
      new Date(created.updated_at).getTime(),
    );
  });

  it("replaces a secret given a new value and clears it given null", async () => {
    const created = await newFacebook();
    const before = await storedSecrets(created.id);
    const { json } = await update({ id: created.id, access_token: "brand-new-token", api_secret: null });
    expect(json.integration.access_token).toBe(MASK);
    expect(json.integration.api_secret).toBeNull();
    const after = await storedSecrets(created.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.accessToken).not.toContain("brand-new-token");
    expect(after.apiSecret).toBeNull();
  });

  it("refuses moving an integration, changing its type, invalid config and unknown ids — and changes nothing", async () => {
    const created = await newFacebook();
    const other = await createTestOrg();
    const attempts = [
      { id: created.id, org_id: other.orgId, name: "Moved" },
      { id: created.id, integration_type: "hubspot", name: "Retyped" },
      { id: created.id, config: { page_id: "not-a-number" }, name: "Bad config" },
      { id: created.id, access_token: null },
      { id: created.id, name: "" },
    ];
    for (const body of attempts) expect((await update(body)).status).toBe(400);
    expect((await update({ id: "55fcad75-d3d2-4cf2-9313-8974f57dbc93", name: "x" })).status).toBe(404);
    const unchanged = await detail(created.id);
    expect(unchanged.json.integration).toMatchObject({ org_id: org.orgId, name: "FB", config: { page_id: "111" } });
  });

  it("toggles with the documented messages", async () => {
    const created = await newFacebook();
    const toggle = (active: unknown) =>
      callRoute(toggleRoute.POST, {
        method: "POST",
        path: "/toggle-organization-integration",
        body: { id: created.id, active },
        headers: auth,
      });
    const on = await toggle(true);
    expect(on.json.message).toBe("Integration activated successfully");
    expect(on.json.integration.is_active).toBe(true);
    const off = await toggle(false);
    expect(off.json.message).toBe("Integration deactivated successfully");
    expect(off.json.integration.is_active).toBe(false);
    expect((await toggle("yes")).status).toBe(400);
  });

  it("deletes, then answers 404", async () => {
    const created = await newFacebook();
    const remove = () =>
      callRoute(deleteRoute.POST, {
        method: "POST",
        path: "/delete-organization-integration",
        body: { id: created.id },
        headers: auth,
      });
    const first = await remove();
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ message: "Integration deleted successfully" });
    expect((await remove()).status).toBe(404);
    expect((await detail(created.id)).status).toBe(404);
  });
});
