// Removing a member: their keys stop working at once (and the keys those keys made), their sessions end, the last
// owner stays, only people who out-rank the member may do it, and a key created at that very moment does not survive.
// Demotions: member-role-change.test.ts.
import { beforeEach, describe, expect, it } from "vitest";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { removeMember } from "@/lib/orgs/remove-member";
import { bearer } from "../helpers/call-route";
import { createKey, memberKeys, sessionOf, sessionVersion } from "../helpers/member-keys";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeEach(async () => {
  org = await createTestOrg();
});
const { statusOf, keyCreatedBy, personActor, keyActor } = memberKeys(() => org);

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
    const grandchild = await createKey(bearer(ownerKey), { org_id: org.orgId, name: "made by a key", role: "viewer" });

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
    const stranger = (await createTestOrg()).userIds.owner;
    const strangerActor: Actor = { kind: "user", userId: stranger, email: "s@example.test", roles: new Map() };
    const refusals: [Actor, Role][] = [
      [personActor("admin"), "owner"],
      [personActor("viewer"), "admin"],
      [keyActor("viewer"), "admin"],
      [keyActor("admin"), "owner"],
      [strangerActor, "viewer"],
    ];
    for (const [actor, member] of refusals) {
      await expect(removeMember({ actor, orgId: org.orgId, userId: org.userIds[member] })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    expect(await db().membership.count({ where: { orgId: org.orgId } })).toBe(3);
    await removeMember({ actor: personActor("admin"), orgId: org.orgId, userId: org.userIds.viewer });
    expect(await db().membership.count({ where: { orgId: org.orgId } })).toBe(2);
  });

  it("answers 404 for someone who is not a member", async () => {
    const stranger = (await createTestOrg()).userIds.viewer;
    await expect(removeMember({ orgId: org.orgId, userId: stranger })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a key created at the moment its creator loses access", () => {
  it("is revoked with the others, or refused", async () => {
    const session = await sessionOf(org.userIds.admin);
    const attempts = Array.from({ length: 6 }, (_, i) =>
      createKey(session, { org_id: org.orgId, name: `racing ${i}`, role: "admin" }),
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
      createKey(bearer(parent), { org_id: org.orgId, name: `child ${i}`, role: "owner" }),
    );
    await Promise.all([revokeApiKey({ actor: personActor("owner"), id: parentId }), ...attempts]);
    expect(await db().apiKey.count({ where: { orgId: org.orgId, createdByKeyId: parentId, revokedAt: null } })).toBe(0);
  });
});
