// Inputs and calls an attacker or a careless client could send: each gets a clear 4xx, never a 500, and stored
// credentials never travel to a place the admin did not re-confirm.
import * as testRoute from "@/app/organization-integration/[integration_id]/test/route";
import { serverEnv } from "@/lib/config/server-env";
import { parsePrivateHostsSetting } from "@/lib/connections/private-hosts-setting";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, callRoute } from "../helpers/call-route";
import { startFakeHttpServer, sendJson, type FakeHttpServer } from "../helpers/fake-http-server";
import { auditLogRoute, createRoute } from "../helpers/routes";
import { setUpTestOrg } from "../helpers/org-fixture";

const env = setUpTestOrg();
let provider: FakeHttpServer;
beforeAll(async () => {
  provider = await startFakeHttpServer((_request, response) =>
    sendJson(response, 200, { portalId: 1, accountType: "STANDARD" }),
  );
});
afterAll(() => provider.close());

const headers = () => bearer(env.org.keys.admin);
const create = (body: Record<string, unknown>) =>
  env.admin.create({ org_id: env.org.orgId, name: "Hardening", ...body });
const update = (body: Record<string, unknown>) => env.admin.update(body);

describe("input the database could not store", () => {
  it("refuses NUL characters, absurd nesting and dates outside years 1-9999 with a 400", async () => {
    expect((await create({ integration_type: "other", name: "bad\u0000name" })).status).toBe(400);
    expect((await create({ integration_type: "other", config: { "k\u0000": 1 } })).status).toBe(400);
    // Built as text: nesting this deep overflows JSON.stringify, as it would our serializers had it been stored.
    const depth = 100_000;
    const rawBody = `{"org_id":"${env.org.orgId}","integration_type":"other","name":"Deep","config":{"deep":${"[".repeat(depth)}1${"]".repeat(depth)}}}`;
    const nested = await callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      headers: headers(),
      rawBody,
    });
    expect(nested.status).toBe(400);
    expect(nested.json.error).toMatch(/nested more than/);
    for (const date of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+23:59"]) {
      const response = await create({ integration_type: "other", token_expires_at: date });
      expect(response.status).toBe(400);
      expect(response.json.error).toMatch(/token_expires_at/);
    }
  });

  it("refuses audit-log cursors that are not cursors", async () => {
    for (const before of ["-100000-01-01T00:00:00Z", `2026-01-01T00:00:00.000Z_${"-".repeat(36)}`, "yesterday"]) {
      const response = await callRoute(auditLogRoute.GET, {
        path: `/organization-audit-log?org_id=${env.org.orgId}&before=${encodeURIComponent(before)}`,
        headers: headers(),
      });
      expect(response.status).toBe(400);
    }
  });
});

describe("where stored credentials are sent", () => {
  it("changing api_base_url requires entering the stored secrets again", async () => {
    const { json } = await create({
      integration_type: "hubspot",
      api_base_url: "https://api.hubapi.com",
      access_token: "pat-secret-1",
    });
    const id = json.integration.id;
    const moved = await update({ id, api_base_url: "https://collector.example", access_token: "••••••" });
    expect(moved.status).toBe(400);
    expect(moved.json.error).toMatch(/enter access_token again/);
    expect((await update({ id, api_base_url: "https://collector.example" })).status).toBe(400);
    const reentered = await update({ id, api_base_url: "https://api-eu1.hubapi.com", access_token: "pat-secret-2" });
    expect(reentered.status).toBe(200);
    expect(reentered.json.integration.api_base_url).toBe("https://api-eu1.hubapi.com");
    expect((await update({ id, name: "Renamed only" })).status).toBe(200);
  });

  it("moving a Salesforce instance_url needs the secrets again too", async () => {
    const { json } = await create({
      integration_type: "salesforce",
      api_key: "ck",
      api_secret: "cs",
      refresh_token: "rt",
      config: { instance_url: "https://acme.my.salesforce.com" },
    });
    const moved = await update({ id: json.integration.id, config: { instance_url: "https://collector.example" } });
    expect(moved.status).toBe(400);
    expect(moved.json.error).toMatch(/config.instance_url/);
  });

  it("test connection refuses private addresses unless the operator allowed them", async () => {
    const { json } = await create({
      integration_type: "hubspot",
      api_base_url: provider.origin,
      access_token: "pat-private",
    });
    const id = json.integration.id;
    const env = serverEnv();
    const allowed = env.PROVIDER_ALLOW_PRIVATE_HOSTS;
    env.PROVIDER_ALLOW_PRIVATE_HOSTS = parsePrivateHostsSetting("0");
    try {
      const refused = await callRoute(testRoute.POST, {
        method: "POST",
        path: `/organization-integration/${id}/test`,
        params: { integration_id: id },
        headers: headers(),
      });
      expect(refused.status).toBe(200);
      expect(refused.json).toEqual({ ok: false, error: expect.stringMatching(/private or local network address/) });
      expect(provider.requests).toHaveLength(0);
    } finally {
      env.PROVIDER_ALLOW_PRIVATE_HOSTS = allowed;
    }
  });
});
