// Demoting a member: their keys above the new role stop working at once, their session stays but acts with the new
// role, the last owner stays, two owners demoting each other leave one, and only people who out-rank may do it.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { changeMemberRole } from "@/lib/orgs/change-member-role";
import { createKey, memberKeys, sessionOf, sessionVersion } from "../helpers/member-keys";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeEach(async () => {
  org = await createTestOrg();
});
const { statusOf, keyCreatedBy, personActor } = memberKeys(() => org);

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
    const write = await createKey(await sessionOf(org.userIds.owner), {
      org_id: org.orgId,
      name: "after demotion",
      role: "viewer",
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
