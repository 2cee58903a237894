// POST /create-organization-integration as the guide documents it: what a created integration looks like, secrets
// encrypted at rest, and the 400s (and 413) for what it refuses.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import { setUpTestOrg } from "../helpers/org-fixture";
import { createRoute } from "../helpers/routes";

const MASK = "••••••";
const env = setUpTestOrg();
const createFacebook = (fields: Record<string, unknown>) =>
  env.admin.create({ org_id: env.org.orgId, integration_type: "facebook", ...fields });

describe("create", () => {
  it("creates a minimal Facebook integration with generated webhook URL, verify token and API base", async () => {
    const { status, json } = await createFacebook({
      name: "Company Facebook Page",
      access_token: "EAABbmNuhsFYBACl1zUIfRQP7rqZASPqBbAMy",
      is_active: true,
    });
    expect(status).toBe(201);
    expect(json.message).toBe("Integration created successfully");
    const integration = json.integration;
    expect(integration.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(integration).toMatchObject({
      org_id: env.org.orgId,
      integration_type: "facebook",
      name: "Company Facebook Page",
      is_active: true,
      webhook_url: `https://integrations.example.test/webhook?org_id=${env.org.orgId}`,
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
    const { status, json } = await createFacebook({
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
    const { json } = await env.admin.create({
      org_id: env.org.orgId,
      integration_type: "other",
      name: "Vault test",
      ...secrets,
    });
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
    const { status, json } = await env.admin.create(body);
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
    const { status, json } = await env.admin.create({ org_id: env.org.orgId, name: "Bad", ...fields });
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
  });

  it("rejects malformed JSON, non-objects and oversized bodies without a 500", async () => {
    const post = (rawBody: string) =>
      callRoute(createRoute.POST, {
        method: "POST",
        path: "/create-organization-integration",
        rawBody,
        headers: bearer(env.org.keys.admin),
      });
    expect((await post("{not json")).json).toEqual({ error: "Request body is not valid JSON" });
    expect((await post("[1,2]")).status).toBe(400);
    expect((await post("")).status).toBe(400);
    const huge = await post(
      JSON.stringify({
        org_id: env.org.orgId,
        integration_type: "other",
        name: "x",
        config: { blob: "a".repeat(1_100_000) },
      }),
    );
    expect(huge.status).toBe(413);
    expect(huge.json.error).toMatch(/larger than/);
  });
});
