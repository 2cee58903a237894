// The API-key cache (lib/auth/api-key-cache.ts) must never let a revoked key, or a key of another organization, read
// a row: revocation through the app works at once, revocation behind its back (another instance, a script, SQL)
// within API_KEY_CACHE_BOUND_MS. Real route handlers, real database; the keys are warmed into the cache first.
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import * as conversationsRoute from "@/app/organization-integration/[integration_id]/conversations/route";
import * as messagesRoute from "@/app/organization-integration/[integration_id]/messages/route";
import { API_KEY_CACHE_BOUND_MS } from "@/lib/auth/api-key-cache";
import { db } from "@/lib/db/prisma";
import { removeMember } from "@/lib/orgs/remove-member";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { createKeyRoute, detailRoute, listRoute, revokeKeyRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

// Another connection, as another app instance or `psql` would revoke: this process's cache is not told.
let elsewhere: pg.Client;
beforeAll(async () => {
  elsewhere = new pg.Client({ connectionString: inject("databaseUrl") });
  await elsewhere.connect();
});
afterAll(async () => {
  await elsewhere.end();
});

let org: TestOrg;
let integrationId: string;
beforeEach(async () => {
  org = await createTestOrg();
  integrationId = (
    await db().integration.create({
      data: { orgId: org.orgId, integrationType: "facebook", name: "Cached page", config: {} },
    })
  ).id;
});

// A fresh client address per call: failed keys below would otherwise use up an address's allowance.
const freshIp = () => `10.${randomInt(250)}.${randomInt(250)}.${randomInt(250)}`;

async function detailStatus(key: string, id = integrationId) {
  const result = await callRoute(detailRoute.GET, {
    path: `/organization-integration/${id}`,
    params: { integration_id: id },
    headers: { ...bearer(key), "x-forwarded-for": freshIp() },
  });
  return result;
}

async function createChildKey(parentKey: string) {
  const created = await callRoute(createKeyRoute.POST, {
    method: "POST",
    path: "/create-organization-api-key",
    body: { org_id: org.orgId, name: "child", role: "viewer" },
    headers: bearer(parentKey),
  });
  expect(created.status).toBe(201);
  return created.json.api_key as { id: string; key: string };
}

describe("revocation with the API-key cache", () => {
  it("a key revoked through the app stops working at once, with the keys it created", async () => {
    const parent = await createChildKey(org.keys.owner);
    const owned = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: org.orgId, name: "owner child", role: "owner" },
      headers: bearer(org.keys.owner),
    });
    const ownerChild = owned.json.api_key as { id: string; key: string };
    const grandchild = await createChildKey(ownerChild.key);
    for (const key of [parent.key, ownerChild.key, grandchild.key]) expect((await detailStatus(key)).status).toBe(200); // now cached

    const revoked = await callRoute(revokeKeyRoute.POST, {
      method: "POST",
      path: "/revoke-organization-api-key",
      body: { id: ownerChild.id },
      headers: { cookie: await org.cookie("owner"), origin: TEST_ORIGIN },
    });
    expect(revoked.status).toBe(200);

    expect((await detailStatus(ownerChild.key)).status).toBe(401);
    expect((await detailStatus(grandchild.key)).status).toBe(401);
    expect((await detailStatus(parent.key)).status).toBe(200); // not in that tree
  });

  it("removing a member stops the keys they created at once", async () => {
    const created = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: org.orgId, name: "admin's", role: "admin" },
      headers: { cookie: await org.cookie("admin"), origin: TEST_ORIGIN },
    });
    const key = created.json.api_key.key as string;
    expect((await detailStatus(key)).status).toBe(200);

    await removeMember({ orgId: org.orgId, userId: org.userIds.admin });

    expect((await detailStatus(key)).status).toBe(401);
  });

  it(`a key revoked elsewhere (another instance, SQL) stops working within ${API_KEY_CACHE_BOUND_MS} ms`, async () => {
    const key = org.keys.viewer;
    expect((await detailStatus(key)).status).toBe(200);
    await elsewhere.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [org.keyIds.viewer]);
    const revokedAt = Date.now();

    // Every request that was still served must have started within the bound (its cache check comes after its
    // start); the first refusal may come a little later on a busy machine, by the time one request takes.
    let lastServedStart = 0;
    let firstRefusal = 0;
    while (Date.now() - revokedAt < API_KEY_CACHE_BOUND_MS + 3_000) {
      const startedAt = Date.now();
      const status = (await detailStatus(key)).status;
      if (status === 200) {
        expect(firstRefusal).toBe(0); // once refused, never served again: no stale copy comes back
        lastServedStart = startedAt;
      } else {
        expect(status).toBe(401);
        firstRefusal ||= Date.now();
        if (Date.now() - firstRefusal > 300) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(firstRefusal).toBeGreaterThan(0);
    expect(lastServedStart - revokedAt).toBeLessThan(API_KEY_CACHE_BOUND_MS);
  });

  it("a key just created works at once (unknown keys are not remembered)", async () => {
    const unknown = `oik_${randomUUID().replace(/-/g, "")}${randomUUID().replace(/-/g, "")}`;
    expect((await detailStatus(unknown)).status).toBe(401);
    const child = await createChildKey(org.keys.owner);
    expect((await detailStatus(child.key)).status).toBe(200);
  });
});

describe("another organization's key with the cache warm", () => {
  it("never reads this organization's rows, whatever order the keys are used in", async () => {
    const other = await createTestOrg();
    const foreignId = (
      await db().integration.create({
        data: { orgId: other.orgId, integrationType: "facebook", name: "Theirs", config: {} },
      })
    ).id;
    for (let round = 0; round < 3; round++) {
      const own = await detailStatus(org.keys.owner);
      expect(own.status).toBe(200);
      expect(own.json.integration.org_id).toBe(org.orgId);

      const foreign = await detailStatus(other.keys.owner);
      expect(foreign.status).toBe(404);
      expect(foreign.text).not.toContain(integrationId);
      expect((await detailStatus(other.keys.owner, foreignId)).status).toBe(200);
      expect((await detailStatus(org.keys.owner, foreignId)).status).toBe(404);

      const headers = { ...bearer(other.keys.owner), "x-forwarded-for": freshIp() };
      const params = { integration_id: integrationId };
      const conversations = await callRoute(conversationsRoute.GET, {
        path: `/organization-integration/${integrationId}/conversations`,
        params,
        headers,
      });
      expect(conversations.status).toBe(404);
      const messages = await callRoute(messagesRoute.GET, {
        path: `/organization-integration/${integrationId}/messages`,
        params,
        headers,
      });
      expect(messages.status).toBe(404);
      const list = await callRoute(listRoute.GET, { path: `/organization-integrations?org_id=${org.orgId}`, headers });
      expect(list.status).toBe(403);
    }
  });
});
