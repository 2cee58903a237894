// Attacks on the API-key lifecycle: a key minting keys to outlive its revocation, an admin revoking an owner's key,
// a demoted member's keys keeping their old power. Real route handlers, real database.
import { randomInt } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { addMember } from "@/lib/orgs/add-member";
import type { Role } from "@/lib/generated/prisma/enums";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { createKeyRoute, listKeysRoute, listRoute, revokeKeyRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeEach(async () => {
  org = await createTestOrg();
});

// A fresh client address per call: the revoked keys below would otherwise use up the failed-key allowance.
const freshIp = () => `10.${randomInt(250)}.${randomInt(250)}.${randomInt(250)}`;

/** The status a key gets on an ordinary read: 200 while it works, 401 once revoked. */
async function statusOf(key: string) {
  const result = await callRoute(listRoute.GET, {
    path: `/organization-integrations?org_id=${org.orgId}`,
    headers: { ...bearer(key), "x-forwarded-for": freshIp() },
  });
  return result.status;
}

const session = async (role: Role) => ({ cookie: await org.cookie(role), origin: TEST_ORIGIN });

function createKey(headers: Record<string, string>, role: Role, name = `${role} child`) {
  return callRoute(createKeyRoute.POST, {
    method: "POST",
    path: "/create-organization-api-key",
    body: { org_id: org.orgId, name, role },
    headers,
  });
}

function revokeKey(headers: Record<string, string>, id: string) {
  return callRoute(revokeKeyRoute.POST, {
    method: "POST",
    path: "/revoke-organization-api-key",
    body: { id },
    headers,
  });
}

const keyCount = () => db().apiKey.count({ where: { orgId: org.orgId } });

describe("API keys managing API keys", () => {
  it("an admin API key cannot create, revoke or list keys", async () => {
    const before = await keyCount();
    for (const role of ["viewer", "admin"] as const) {
      const created = await createKey(bearer(org.keys.admin), role);
      expect(created.status).toBe(403);
      expect(created.json.error).toMatch(/API key/);
    }
    expect(await keyCount()).toBe(before);
    expect((await revokeKey(bearer(org.keys.admin), org.keyIds.viewer)).status).toBe(403);
    expect(await statusOf(org.keys.viewer)).toBe(200);
    const listed = await callRoute(listKeysRoute.GET, {
      path: `/organization-api-keys?org_id=${org.orgId}`,
      headers: bearer(org.keys.admin),
    });
    expect(listed.status).toBe(403);
  });

  it("an owner API key can create keys, and the new key records which key created it", async () => {
    const created = await createKey(bearer(org.keys.owner), "admin");
    expect(created.status).toBe(201);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: created.json.api_key.id } });
    expect(row).toMatchObject({ createdByKeyId: org.keyIds.owner, createdBy: null });
    expect(created.json.api_key.created_by).toMatchObject({ type: "api_key", id: org.keyIds.owner });
    expect(await statusOf(created.json.api_key.key)).toBe(200);
  });

  it("a person in a session creates keys as the guide says, and the key records the person", async () => {
    const byAdmin = await createKey(await session("admin"), "admin");
    expect(byAdmin.status).toBe(201);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: byAdmin.json.api_key.id } });
    expect(row).toMatchObject({ createdBy: org.userIds.admin, createdByKeyId: null });
    expect((await createKey(await session("admin"), "owner")).status).toBe(403);
    expect((await createKey(await session("owner"), "owner")).status).toBe(201);
    expect((await createKey(await session("viewer"), "viewer")).status).toBe(403);
  });
});

describe("revoking", () => {
  it("an admin in a session cannot revoke an owner's key, but can revoke admin and viewer keys", async () => {
    const refused = await revokeKey(await session("admin"), org.keyIds.owner);
    expect(refused.status).toBe(403);
    expect(await statusOf(org.keys.owner)).toBe(200);
    expect((await revokeKey(await session("admin"), org.keyIds.viewer)).status).toBe(200);
    expect((await revokeKey(await session("admin"), org.keyIds.admin)).status).toBe(200);
    expect(await statusOf(org.keys.admin)).toBe(401);
    expect((await revokeKey(await session("owner"), org.keyIds.owner)).status).toBe(200);
  });

  it("revokes the keys a key created, and the keys those created", async () => {
    const parent = await createKey(await session("owner"), "owner", "leaked parent");
    const child = await createKey(bearer(parent.json.api_key.key), "owner", "child");
    const grandchild = await createKey(bearer(child.json.api_key.key), "viewer", "grandchild");
    expect([parent.status, child.status, grandchild.status]).toEqual([201, 201, 201]);
    expect(await statusOf(grandchild.json.api_key.key)).toBe(200);

    expect((await revokeKey(await session("owner"), parent.json.api_key.id)).status).toBe(200);
    expect(await statusOf(parent.json.api_key.key)).toBe(401);
    expect(await statusOf(child.json.api_key.key)).toBe(401);
    expect(await statusOf(grandchild.json.api_key.key)).toBe(401);
    expect(await statusOf(org.keys.owner)).toBe(200);

    const revokedIds = (await db().auditEntry.findMany({ where: { orgId: org.orgId, action: "api_key.revoked" } })).map(
      (e) => e.targetId,
    );
    expect(revokedIds.sort()).toEqual(
      [parent.json.api_key.id, child.json.api_key.id, grandchild.json.api_key.id].sort(),
    );
  });
});

describe("a member's keys follow their role", () => {
  it("demoting an owner to viewer (org:add-member) revokes their owner and admin keys, not their viewer keys", async () => {
    const cookie = await session("owner");
    const ownerKey = await createKey(cookie, "owner");
    const adminKey = await createKey(cookie, "admin");
    const viewerKey = await createKey(cookie, "viewer");
    const childOfOwnerKey = await createKey(bearer(ownerKey.json.api_key.key), "viewer", "child of owner key");
    // A second owner, so the demotion is allowed.
    const other = await db().user.findUniqueOrThrow({ where: { id: org.userIds.admin } });
    await addMember({ orgId: org.orgId, email: other.email, role: "owner" });
    const owner = await db().user.findUniqueOrThrow({ where: { id: org.userIds.owner } });

    await addMember({ orgId: org.orgId, email: owner.email, role: "viewer" });

    expect(await statusOf(ownerKey.json.api_key.key)).toBe(401);
    expect(await statusOf(adminKey.json.api_key.key)).toBe(401);
    expect(await statusOf(childOfOwnerKey.json.api_key.key)).toBe(401);
    expect(await statusOf(viewerKey.json.api_key.key)).toBe(200);
    // Keys the demoted person did not create are untouched.
    expect(await statusOf(org.keys.owner)).toBe(200);
    // Their session stays, acting as a viewer from the next request on (roles are read per request).
    const after = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after.sessionVersion).toBe(owner.sessionVersion);
  });

  it("the last owner cannot be demoted through org:add-member", async () => {
    const owner = await db().user.findUniqueOrThrow({ where: { id: org.userIds.owner } });
    await expect(addMember({ orgId: org.orgId, email: owner.email, role: "admin" })).rejects.toMatchObject({
      code: "conflict",
    });
    const membership = await db().membership.findUniqueOrThrow({
      where: { userId_orgId: { userId: owner.id, orgId: org.orgId } },
    });
    expect(membership.role).toBe("owner");
  });
});
