// Role changes and removal through the members API, taking effect on the member's next request, and the attacks on
// them (wrong role, admins touching owners, ids of another organization). Invitations: members-invites.test.ts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { bearer } from "../helpers/call-route";
import { createKey } from "../helpers/member-keys";
import { accept, as, email, invite, list, PASSWORD, removeMember, tokenOf, updateMember } from "../helpers/members-api";
import { createTestOrg, type TestOrg } from "../helpers/seed";

describe("POST /update-organization-member and /remove-organization-member", () => {
  const update = updateMember;
  const remove = removeMember;
  const canCreateKey = async (org: TestOrg, role: Role) =>
    (await createKey(await as(org, role), { org_id: org.orgId, name: "probe", role: "viewer" })).status;

  it("a demotion takes effect on the member's next request; a removal ends their session at once", async () => {
    const org = await createTestOrg();
    expect(await canCreateKey(org, "admin")).toBe(201);
    const demoted = await update(org, await as(org, "owner"), org.userIds.admin, "viewer");
    expect(demoted.status).toBe(200);
    expect(demoted.json.member).toMatchObject({ user_id: org.userIds.admin, role: "viewer" });
    expect(await canCreateKey(org, "admin")).toBe(403);

    const viewerSession = await as(org, "viewer");
    expect((await list(org, viewerSession)).status).toBe(200);
    expect((await remove(org, await as(org, "owner"), org.userIds.viewer)).status).toBe(200);
    expect((await list(org, viewerSession)).status).toBe(401);
    expect(
      (await list(org, await as(org, "owner"))).json.members.map((m: { user_id: string }) => m.user_id),
    ).not.toContain(org.userIds.viewer);
  });

  // Replayed from a review: a removed admin, or a revoked key, kept a pending invite link and walked back in with it.
  it("withdraws the pending invites of a removed member and of a revoked key", async () => {
    const org = await createTestOrg();
    const byAdmin = await invite(org, await as(org, "admin"), { email: email(), role: "admin" });
    const byKey = await invite(org, bearer(org.keys.owner), { email: email(), role: "owner" });
    expect([byAdmin.status, byKey.status]).toEqual([201, 201]);
    expect((await remove(org, await as(org, "owner"), org.userIds.admin)).status).toBe(200);
    const { revokeKeyTree } = await import("@/lib/api-keys/revoke-key-tree");
    await db().$transaction((tx) =>
      revokeKeyTree(tx, { actor: { kind: "system", label: "test" }, orgId: org.orgId, rootIds: [org.keyIds.owner] }),
    );
    expect((await accept({ token: tokenOf(byAdmin.json.invite_url), password: PASSWORD })).status).toBe(404);
    expect((await accept({ token: tokenOf(byKey.json.invite_url), password: PASSWORD })).status).toBe(404);
  });

  it("refuses viewers, admins touching owners, and ids of other organizations", async () => {
    const org = await createTestOrg();
    const stranger = await createTestOrg();
    const roleOf = async (userId: string) =>
      (await db().membership.findUniqueOrThrow({ where: { userId_orgId: { userId, orgId: org.orgId } } })).role;
    expect((await update(org, await as(org, "viewer"), org.userIds.admin, "viewer")).status).toBe(403);
    expect((await update(org, bearer(org.keys.viewer), org.userIds.admin, "viewer")).status).toBe(403);
    expect((await update(org, await as(org, "admin"), org.userIds.owner, "viewer")).status).toBe(403);
    expect((await update(org, bearer(org.keys.admin), org.userIds.owner, "viewer")).status).toBe(403);
    expect((await update(org, await as(org, "admin"), org.userIds.viewer, "owner")).status).toBe(403);
    expect((await remove(org, await as(org, "admin"), org.userIds.owner)).status).toBe(403);
    expect((await remove(org, await as(org, "viewer"), org.userIds.admin)).status).toBe(403);
    // Another organization's person named in this org, and this org named by a stranger.
    expect((await update(org, await as(org, "owner"), stranger.userIds.viewer, "admin")).status).toBe(404);
    expect((await remove(org, await as(org, "owner"), stranger.userIds.viewer)).status).toBe(404);
    expect((await update(org, await as(stranger, "owner"), org.userIds.viewer, "admin")).status).toBe(403);
    expect((await remove(org, bearer(stranger.keys.owner), org.userIds.viewer)).status).toBe(403);
    expect([
      await roleOf(org.userIds.owner),
      await roleOf(org.userIds.admin),
      await roleOf(org.userIds.viewer),
    ]).toEqual(["owner", "admin", "viewer"]);
    expect(await db().membership.count({ where: { userId: stranger.userIds.viewer, orgId: org.orgId } })).toBe(0);

    // The last owner stays; an owner key acts as an owner; an admin manages admins and viewers.
    expect((await update(org, await as(org, "owner"), org.userIds.owner, "admin")).status).toBe(409);
    expect((await remove(org, bearer(org.keys.owner), org.userIds.owner)).status).toBe(409);
    expect((await update(org, bearer(org.keys.owner), org.userIds.viewer, "admin")).status).toBe(200);
    expect((await update(org, await as(org, "admin"), org.userIds.viewer, "viewer")).status).toBe(200);
    expect((await update(org, await as(org, "owner"), org.userIds.owner, "bogus" as Role)).status).toBe(400);
  });
});
