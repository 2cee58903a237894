// Removing or demoting a member: their keys above the new role stop working at once; removal also ends their sessions,
// the last owner stays, and only people who out-rank the member may do it.
import { randomInt } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeMemberRole } from "@/lib/orgs/change-member-role";
import { removeMember } from "@/lib/orgs/remove-member";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { createKeyRoute, listRoute } from "../helpers/routes";
import { createTestOrg, sessionCookieFor, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeEach(async () => {
  org = await createTestOrg();
});

const freshIp = () => `10.${randomInt(250)}.${randomInt(250)}.${randomInt(250)}`;

async function statusOf(key: string, orgId = org.orgId) {
  const result = await callRoute(listRoute.GET, {
    path: `/organization-integrations?org_id=${orgId}`,
    headers: { ...bearer(key), "x-forwarded-for": freshIp() },
  });
  return result.status;
}

/** A key created by `userId` through the API in a session, as the admin UI does. */
async function keyCreatedBy(userId: string, role: Role, orgId = org.orgId): Promise<string> {
  const created = await callRoute(createKeyRoute.POST, {
    method: "POST",
    path: "/create-organization-api-key",
    body: { org_id: orgId, name: `${role} key of ${userId}`, role },
    headers: { cookie: await sessionCookieFor(userId), origin: TEST_ORIGIN },
  });
  expect(created.status).toBe(201);
  return created.json.api_key.key;
}

function personActor(role: Role, orgId = org.orgId): Actor {
  return { kind: "user", userId: org.userIds[role], email: `${role}@example.test`, roles: new Map([[orgId, role]]) };
}

const sessionVersion = async (userId: string) =>
  (await db().user.findUniqueOrThrow({ where: { id: userId } })).sessionVersion;

describe("removeMember", () => {
  it("revokes every key the member created in that org, right away, and invalidates their sessions", async () => {
    const adminKey = await keyCreatedBy(org.userIds.admin, "admin");
    const viewerKey = await keyCreatedBy(org.userIds.admin, "viewer");
    const versionBefore = await sessionVersion(org.userIds.admin);
    expect(await statusOf(adminKey)).toBe(200);

    await removeMember({ actor: personActor("owner"), orgId: org.orgId, userId: org.userIds.admin });

    expect(await statusOf(adminKey)).toBe(401);
    expect(await statusOf(viewerKey)).toBe(401);
    expect(await statusOf(org.keys.admin)).toBe(200); // not created by that person
    expect(
      await db().membership.findUnique({ where: { userId_orgId: { userId: org.userIds.admin, orgId: org.orgId } } }),
    ).toBeNull();
    expect(await sessionVersion(org.userIds.admin)).toBe(versionBefore + 1);
    const actions = (await db().auditEntry.findMany({ where: { orgId: org.orgId } })).map((entry) => entry.action);
    expect(actions).toContain("member.removed");
    expect(actions.filter((action) => action === "api_key.revoked")).toHaveLength(2);
  });

  it("revokes the keys made by the member's keys too, and leaves their keys in other orgs alone", async () => {
    const second = await createTestOrg();
    await db().membership.create({ data: { userId: org.userIds.owner, orgId: second.orgId, role: "admin" } });
    const elsewhere = await keyCreatedBy(org.userIds.owner, "admin", second.orgId);
    await db().membership.update({
      where: { userId_orgId: { userId: org.userIds.admin, orgId: org.orgId } },
      data: { role: "owner" },
    });
    const ownerKey = await keyCreatedBy(org.userIds.owner, "owner");
    const grandchild = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: org.orgId, name: "made by a key", role: "viewer" },
      headers: bearer(ownerKey),
    });

    await removeMember({ orgId: org.orgId, userId: org.userIds.owner });

    expect(await statusOf(ownerKey)).toBe(401);
    expect(await statusOf(grandchild.json.api_key.key)).toBe(401);
    expect(await statusOf(elsewhere, second.orgId)).toBe(200);
  });

  it("never removes the last owner", async () => {
    await expect(removeMember({ orgId: org.orgId, userId: org.userIds.owner })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      removeMember({ actor: personActor("owner"), orgId: org.orgId, userId: org.userIds.owner }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await statusOf(org.keys.owner)).toBe(200);
    expect(await db().membership.count({ where: { orgId: org.orgId, role: "owner" } })).toBe(1);
  });

  it("needs a person who out-ranks the member", async () => {
    // API keys act with their own role (issue 13): a viewer key changes nobody, an admin key no owner.
    const viewerKeyActor: Actor = {
      kind: "api_key",
      keyId: org.keyIds.viewer,
      orgId: org.orgId,
      role: "viewer",
      label: "viewer key",
    };
    const adminKeyActor: Actor = {
      kind: "api_key",
      keyId: org.keyIds.admin,
      orgId: org.orgId,
      role: "admin",
      label: "admin key",
    };
    const stranger = (await createTestOrg()).userIds.owner;
    const strangerActor: Actor = { kind: "user", userId: stranger, email: "s@example.test", roles: new Map() };
    await expect(
      removeMember({ actor: personActor("admin"), orgId: org.orgId, userId: org.userIds.owner }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeMember({ actor: personActor("viewer"), orgId: org.orgId, userId: org.userIds.admin }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeMember({ actor: viewerKeyActor, orgId: org.orgId, userId: org.userIds.admin }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeMember({ actor: adminKeyActor, orgId: org.orgId, userId: org.userIds.owner }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      removeMember({ actor: strangerActor, orgId: org.orgId, userId: org.userIds.viewer }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await db().membership.count({ where: { orgId: org.orgId } })).toBe(3);
    await removeMember({ actor: personActor("admin"), orgId: org.orgId, userId: org.userIds.viewer });
    expect(await db().membership.count({ where: { orgId: org.orgId } })).toBe(2);
  });

  it("answers 404 for someone who is not a member", async () => {
    const stranger = (await createTestOrg()).userIds.viewer;
    await expect(removeMember({ orgId: org.orgId, userId: stranger })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("changeMemberRole", () => {
  it("demoting owner to viewer revokes their owner and admin keys; their viewer keys keep working", async () => {
    await changeMemberRole({ orgId: org.orgId, userId: org.userIds.admin, role: "owner" });
    const ownerKey = await keyCreatedBy(org.userIds.owner, "owner");
    const adminKey = await keyCreatedBy(org.userIds.owner, "admin");
    const viewerKey = await keyCreatedBy(org.userIds.owner, "viewer");
    const versionBefore = await sessionVersion(org.userIds.owner);

    await changeMemberRole({
      actor: personActor("owner"),
      orgId: org.orgId,
      userId: org.userIds.owner,
      role: "viewer",
    });

    expect(await statusOf(ownerKey)).toBe(401);
    expect(await statusOf(adminKey)).toBe(401);
    expect(await statusOf(viewerKey)).toBe(200);
    // Still signed in, but acting as a viewer from this request on (roles are read per request).
    expect(await sessionVersion(org.userIds.owner)).toBe(versionBefore);
    const write = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: org.orgId, name: "after demotion", role: "viewer" },
      headers: { cookie: await sessionCookieFor(org.userIds.owner), origin: TEST_ORIGIN },
    });
    expect(write.status).toBe(403);
    const entry = await db().auditEntry.findFirstOrThrow({
      where: { orgId: org.orgId, action: "member.role_changed", targetId: org.userIds.owner },
    });
    expect(entry).toMatchObject({ targetType: "user", changedFields: ["role"], actorType: "user" });
  });

  it("demoting owner to admin keeps their admin keys", async () => {
    await changeMemberRole({ orgId: org.orgId, userId: org.userIds.viewer, role: "owner" });
    const ownerKey = await keyCreatedBy(org.userIds.owner, "owner");
    const adminKey = await keyCreatedBy(org.userIds.owner, "admin");
    await changeMemberRole({ orgId: org.orgId, userId: org.userIds.owner, role: "admin" });
    expect(await statusOf(ownerKey)).toBe(401);
    expect(await statusOf(adminKey)).toBe(200);
  });

  it("never demotes the last owner", async () => {
    for (const role of ["admin", "viewer"] as const) {
      await expect(changeMemberRole({ orgId: org.orgId, userId: org.userIds.owner, role })).rejects.toMatchObject({
        code: "conflict",
      });
    }
    expect(await statusOf(org.keys.owner)).toBe(200);
  });

  it("two owners demoting each other at once leave one owner", async () => {
    await changeMemberRole({ orgId: org.orgId, userId: org.userIds.admin, role: "owner" });
    const results = await Promise.allSettled([
      changeMemberRole({ orgId: org.orgId, userId: org.userIds.owner, role: "admin" }),
      changeMemberRole({ orgId: org.orgId, userId: org.userIds.admin, role: "admin" }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().membership.count({ where: { orgId: org.orgId, role: "owner" } })).toBe(1);
  });

  it("an admin cannot promote to owner nor demote an owner; a promotion revokes nothing", async () => {
    await expect(
      changeMemberRole({ actor: personActor("admin"), orgId: org.orgId, userId: org.userIds.viewer, role: "owner" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      changeMemberRole({ actor: personActor("admin"), orgId: org.orgId, userId: org.userIds.owner, role: "viewer" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    const viewerKey = await keyCreatedBy(org.userIds.admin, "viewer");
    await changeMemberRole({ actor: personActor("owner"), orgId: org.orgId, userId: org.userIds.admin, role: "owner" });
    expect(await statusOf(viewerKey)).toBe(200);
  });
});

describe("a key created at the moment its creator loses access", () => {
  it("is revoked with the others, or refused", async () => {
    const cookie = await sessionCookieFor(org.userIds.admin);
    const attempts = Array.from({ length: 6 }, (_, i) =>
      callRoute(createKeyRoute.POST, {
        method: "POST",
        path: "/create-organization-api-key",
        body: { org_id: org.orgId, name: `racing ${i}`, role: "admin" },
        headers: { cookie, origin: TEST_ORIGIN },
      }),
    );
    await Promise.all([removeMember({ orgId: org.orgId, userId: org.userIds.admin }), ...attempts]);
    expect(
      await db().apiKey.count({ where: { orgId: org.orgId, createdBy: org.userIds.admin, revokedAt: null } }),
    ).toBe(0);
  });

  it("by a key being revoked, is revoked with it, or refused", async () => {
    const parent = await keyCreatedBy(org.userIds.owner, "owner");
    const parentId = (await db().apiKey.findFirstOrThrow({ where: { orgId: org.orgId, createdBy: org.userIds.owner } }))
      .id;
    const attempts = Array.from({ length: 6 }, (_, i) =>
      callRoute(createKeyRoute.POST, {
        method: "POST",
        path: "/create-organization-api-key",
        body: { org_id: org.orgId, name: `child ${i}`, role: "owner" },
        headers: bearer(parent),
      }),
    );
    await Promise.all([revokeApiKey({ actor: personActor("owner"), id: parentId }), ...attempts]);
    expect(await db().apiKey.count({ where: { orgId: org.orgId, createdByKeyId: parentId, revokedAt: null } })).toBe(0);
  });
});
