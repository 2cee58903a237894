// Every route × every kind of caller: the status, and that a refused call changed nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import * as meRoute from "@/app/me/route";
import { bearer, callRoute, type CallOptions } from "../helpers/call-route";
import {
  auditLogRoute,
  createKeyRoute,
  createRoute,
  deleteRoute,
  detailRoute,
  listKeysRoute,
  listRoute,
  revokeKeyRoute,
  toggleRoute,
  updateRoute,
} from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

type Caller = "none" | "other_org" | "viewer" | "admin" | "owner";
const CALLERS: Caller[] = ["none", "other_org", "viewer", "admin", "owner"];

let home: TestOrg;
let stranger: TestOrg;

beforeAll(async () => {
  [home, stranger] = await Promise.all([createTestOrg(), createTestOrg()]);
});

function headersFor(caller: Caller): Record<string, string> {
  if (caller === "none") return {};
  if (caller === "other_org") return bearer(stranger.keys.admin);
  return bearer(home.keys[caller]);
}

async function newIntegration() {
  return db().integration.create({ data: { orgId: home.orgId, integrationType: "other", name: "Target", config: {} } });
}

async function newApiKeyId() {
  const key = await db().apiKey.create({
    data: { orgId: home.orgId, name: "victim", role: "viewer", prefix: "oik_x", keyHash: crypto.randomUUID() },
  });
  return key.id;
}

type Case = {
  name: string;
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  // keys: people in a session (owners, admins) and owner API keys only; an admin key may not mint or revoke keys.
  kind: "read" | "write" | "manage" | "keys" | "any";
  // What a member of another org gets: 403 when the request names an org, 404 when it names someone else's resource.
  foreign: 403 | 404;
  success: number;
  request: () => Promise<{ options: CallOptions; snapshot: () => Promise<unknown> }>;
};

const integrationSnapshot = (id: string) => () => db().integration.findUnique({ where: { id } });
const countSnapshot = () => db().integration.count({ where: { orgId: home.orgId } });

const CASES: Case[] = [
  {
    name: "list",
    handler: listRoute.GET,
    kind: "read",
    foreign: 403,
    success: 200,
    request: async () => ({
      options: { path: `/organization-integrations?org_id=${home.orgId}` },
      snapshot: countSnapshot,
    }),
  },
  {
    name: "detail",
    handler: detailRoute.GET,
    kind: "read",
    foreign: 404,
    success: 200,
    request: async () => {
      const { id } = await newIntegration();
      return {
        options: { path: `/organization-integration/${id}`, params: { integration_id: id } },
        snapshot: integrationSnapshot(id),
      };
    },
  },
  {
    name: "create",
    handler: createRoute.POST,
    kind: "write",
    foreign: 403,
    success: 201,
    request: async () => ({
      options: {
        method: "POST",
        path: "/create-organization-integration",
        body: { org_id: home.orgId, integration_type: "other", name: "New" },
      },
      snapshot: countSnapshot,
    }),
  },
  {
    name: "update",
    handler: updateRoute.POST,
    kind: "write",
    foreign: 404,
    success: 200,
    request: async () => {
      const { id } = await newIntegration();
      return {
        options: { method: "POST", path: "/update-organization-integration", body: { id, name: "Renamed" } },
        snapshot: integrationSnapshot(id),
      };
    },
  },
  {
    name: "toggle",
    handler: toggleRoute.POST,
    kind: "write",
    foreign: 404,
    success: 200,
    request: async () => {
      const { id } = await newIntegration();
      return {
        options: { method: "POST", path: "/toggle-organization-integration", body: { id, active: true } },
        snapshot: integrationSnapshot(id),
      };
    },
  },
  {
    name: "delete",
    handler: deleteRoute.POST,
    kind: "write",
    foreign: 404,
    success: 200,
    request: async () => {
      const { id } = await newIntegration();
      return {
        options: { method: "POST", path: "/delete-organization-integration", body: { id } },
        snapshot: integrationSnapshot(id),
      };
    },
  },
  {
    name: "list keys",
    handler: listKeysRoute.GET,
    kind: "keys",
    foreign: 403,
    success: 200,
    request: async () => ({
      options: { path: `/organization-api-keys?org_id=${home.orgId}` },
      snapshot: async () => null,
    }),
  },
  {
    name: "create key",
    handler: createKeyRoute.POST,
    kind: "keys",
    foreign: 403,
    success: 201,
    request: async () => ({
      options: {
        method: "POST",
        path: "/create-organization-api-key",
        body: { org_id: home.orgId, name: "ci", role: "viewer" },
      },
      snapshot: () => db().apiKey.count({ where: { orgId: home.orgId } }),
    }),
  },
  {
    name: "revoke key",
    handler: revokeKeyRoute.POST,
    kind: "keys",
    foreign: 404,
    success: 200,
    request: async () => {
      const id = await newApiKeyId();
      return {
        options: { method: "POST", path: "/revoke-organization-api-key", body: { id } },
        snapshot: () => db().apiKey.findUnique({ where: { id } }),
      };
    },
  },
  {
    name: "audit log",
    handler: auditLogRoute.GET,
    kind: "manage",
    foreign: 403,
    success: 200,
    request: async () => ({
      options: { path: `/organization-audit-log?org_id=${home.orgId}` },
      snapshot: async () => null,
    }),
  },
];

function expectedStatus(test: Case, caller: Caller): number {
  if (caller === "none") return 401;
  if (caller === "other_org") return test.foreign;
  if (caller === "viewer" && test.kind !== "read" && test.kind !== "any") return 403;
  if (caller === "admin" && test.kind === "keys") return 403;
  return test.success;
}

describe.each(CASES)("$name", (test) => {
  it.each(CALLERS)("as %s", async (caller) => {
    const { options, snapshot } = await test.request();
    const before = await snapshot();
    const result = await callRoute(test.handler, { ...options, headers: headersFor(caller) });
    expect(result.status).toBe(expectedStatus(test, caller));
    if (result.status >= 400) {
      expect(typeof result.json.error).toBe("string");
      expect(await snapshot()).toEqual(before);
    }
  });
});

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
    const list = (orgId: string) =>
      callRoute(listRoute.GET, { path: `/organization-integrations?org_id=${orgId}`, headers: { cookie } });
    expect((await list(home.orgId)).status).toBe(200);
    expect((await list(stranger.orgId)).status).toBe(200);
    expect((await list(third.orgId)).status).toBe(403);
    const createInViewerOrg = await callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      body: { org_id: stranger.orgId, integration_type: "other", name: "x" },
      headers: { cookie, origin: "https://integrations.example.test" },
    });
    expect(createInViewerOrg.status).toBe(403);
  });

  it("refuse cross-site writes but not same-origin ones; API keys are exempt", async () => {
    const cookie = await home.cookie("owner");
    const body = { org_id: home.orgId, integration_type: "other", name: "Cross-site" };
    const post = (headers: Record<string, string>) =>
      callRoute(createRoute.POST, { method: "POST", path: "/create-organization-integration", body, headers });
    const before = await countSnapshot();
    expect((await post({ cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(await countSnapshot()).toBe(before);
    expect((await post({ cookie, origin: "https://integrations.example.test" })).status).toBe(201);
    expect((await post({ ...bearer(home.keys.admin), origin: "https://evil.example" })).status).toBe(201);
  });

  it("of a deleted user, or forged, are not accepted", async () => {
    const forged = "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.forged.forged.forged";
    expect(
      (
        await callRoute(listRoute.GET, {
          path: `/organization-integrations?org_id=${home.orgId}`,
          headers: { cookie: forged },
        })
      ).status,
    ).toBe(401);
  });
});

describe("API keys", () => {
  it("are shown once, stored hashed, work until revoked, and cannot out-rank their creator", async () => {
    // Keys are managed by people in a session (or owner keys): an admin key may not mint keys.
    const adminSession = { cookie: await home.cookie("admin"), origin: "https://integrations.example.test" };
    const created = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: home.orgId, name: "Frontend", role: "viewer" },
      headers: adminSession,
    });
    expect(created.status).toBe(201);
    const { key, id, prefix } = created.json.api_key;
    expect(key.startsWith(prefix)).toBe(true);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(stored)).not.toContain(key);

    const listPath = `/organization-integrations?org_id=${home.orgId}`;
    expect((await callRoute(listRoute.GET, { path: listPath, headers: bearer(key) })).status).toBe(200);
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
    expect((await callRoute(listRoute.GET, { path: listPath, headers: bearer(key) })).status).toBe(401);

    const ownerKeyByAdmin = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: home.orgId, name: "Escalate", role: "owner" },
      headers: adminSession,
    });
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
    const actual = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${home.orgId}`,
      headers: { ...bearer(home.keys.viewer), origin: "https://frontend.example.test" },
    });
    expect(actual.headers.get("access-control-allow-origin")).toBe("https://frontend.example.test");
  });
});
