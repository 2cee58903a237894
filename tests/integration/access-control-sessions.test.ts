// Session cookies (every org the person belongs to, cross-site writes refused, forged ones refused), API keys (shown
// once, stored hashed, revocable, never out-ranking their creator), GET /me and CORS preflights.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import * as meRoute from "@/app/me/route";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { integrationApi } from "../helpers/integration-api";
import { createKeyRoute, listKeysRoute, listRoute, revokeKeyRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let home: TestOrg;
let stranger: TestOrg;

beforeAll(async () => {
  [home, stranger] = await Promise.all([createTestOrg(), createTestOrg()]);
});

const countSnapshot = () => db().integration.count({ where: { orgId: home.orgId } });

describe("GET /me", () => {
  it("describes the caller, and needs authentication", async () => {
    expect((await callRoute(meRoute.GET, { path: "/me" })).status).toBe(401);
    const asUser = await callRoute(meRoute.GET, { path: "/me", headers: { cookie: await home.cookie("admin") } });
    expect(asUser.json.organizations).toEqual([expect.objectContaining({ id: home.orgId, role: "admin" })]);
  });
});

describe("session cookies", () => {
  it("act in every org the user belongs to, and only there", async () => {
    const third = await createTestOrg();
    await db().membership.create({ data: { userId: home.userIds.admin, orgId: stranger.orgId, role: "viewer" } });
    const cookie = await home.cookie("admin");
    const list = (orgId: string) => integrationApi({ cookie }).list(`org_id=${orgId}`);
    expect((await list(home.orgId)).status).toBe(200);
    expect((await list(stranger.orgId)).status).toBe(200);
    expect((await list(third.orgId)).status).toBe(403);
    const createInViewerOrg = await integrationApi({ cookie, origin: TEST_ORIGIN }).create({
      org_id: stranger.orgId,
      integration_type: "other",
      name: "x",
    });
    expect(createInViewerOrg.status).toBe(403);
  });

  it("refuse cross-site writes but not same-origin ones; API keys are exempt", async () => {
    const cookie = await home.cookie("owner");
    const body = { org_id: home.orgId, integration_type: "other", name: "Cross-site" };
    const post = (headers: Record<string, string>) => integrationApi(headers).create(body);
    const before = await countSnapshot();
    expect((await post({ cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(await countSnapshot()).toBe(before);
    expect((await post({ cookie, origin: "https://integrations.example.test" })).status).toBe(201);
    expect((await post({ ...bearer(home.keys.admin), origin: "https://evil.example" })).status).toBe(201);
  });

  it("of a deleted user, or forged, are not accepted", async () => {
    const forged = "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.forged.forged.forged";
    expect((await integrationApi({ cookie: forged }).list(`org_id=${home.orgId}`)).status).toBe(401);
  });
});

describe("API keys", () => {
  it("are shown once, stored hashed, work until revoked, and cannot out-rank their creator", async () => {
    // Keys are managed by people in a session (or owner keys): an admin key may not mint keys.
    const adminSession = { cookie: await home.cookie("admin"), origin: TEST_ORIGIN };
    const createKey = (name: string, role: string) =>
      callRoute(createKeyRoute.POST, {
        method: "POST",
        path: "/create-organization-api-key",
        body: { org_id: home.orgId, name, role },
        headers: adminSession,
      });
    const created = await createKey("Frontend", "viewer");
    expect(created.status).toBe(201);
    const { key, id, prefix } = created.json.api_key;
    expect(key.startsWith(prefix)).toBe(true);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(stored)).not.toContain(key);

    const listWithKey = () => integrationApi(key).list(`org_id=${home.orgId}`);
    expect((await listWithKey()).status).toBe(200);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
    const listed = await callRoute(listKeysRoute.GET, {
      path: `/organization-api-keys?org_id=${home.orgId}`,
      headers: adminSession,
    });
    expect(JSON.stringify(listed.json)).not.toContain(key);

    await callRoute(revokeKeyRoute.POST, {
      method: "POST",
      path: "/revoke-organization-api-key",
      body: { id },
      headers: adminSession,
    });
    expect((await listWithKey()).status).toBe(401);

    const ownerKeyByAdmin = await createKey("Escalate", "owner");
    expect(ownerKeyByAdmin.status).toBe(403);
  });
});

describe("CORS", () => {
  it("answers preflight only for configured origins", async () => {
    const preflight = (origin: string) =>
      listRoute.OPTIONS(
        new Request("https://integrations.example.test/organization-integrations", {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "GET",
            "access-control-request-headers": "authorization",
          },
        }),
      );
    const allowed = await preflight("https://frontend.example.test");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://frontend.example.test");
    expect(allowed.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    const refused = await preflight("https://evil.example");
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const actual = await integrationApi({ ...bearer(home.keys.viewer), origin: "https://frontend.example.test" }).list(
      `org_id=${home.orgId}`,
    );
    expect(actual.headers.get("access-control-allow-origin")).toBe("https://frontend.example.test");
  });
});
