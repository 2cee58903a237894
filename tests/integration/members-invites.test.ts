// The members API's invitations as a client calls them: list, invite, accept (public, single use, rate-limited),
// invite revocation — and the attacks on each (wrong role, admins inviting owners, other organizations, replayed
// links). Role changes and removal: members-api.test.ts.
import { describe, expect, it, vi } from "vitest";
import * as meRoute from "@/app/me/route";
import { FAILURES_PER_MINUTE } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/prisma";
import { createUserWithPassword, randomAddress, signIn } from "../helpers/auth-client";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { accept, as, email, invite, list, PASSWORD, revokeInvite, tokenOf } from "../helpers/members-api";
import { createTestOrg } from "../helpers/seed";

// Accepting hashes a password with scrypt (≈ 0.4 s, 128 MiB) on a machine shared with other runs.
vi.setConfig({ testTimeout: 120_000 });

describe("GET /organization-members", () => {
  it("lists members and pending invites, allow-listed fields only, to every member and nobody else", async () => {
    const org = await createTestOrg();
    const invited = await invite(org, await as(org, "owner"), { email: email(), role: "viewer" });
    expect(invited.status).toBe(201);
    const viewerView = await list(org, await as(org, "viewer"));
    expect(viewerView.status).toBe(200);
    expect(viewerView.json.members).toHaveLength(3);
    expect(Object.keys(viewerView.json.members[0]).sort()).toEqual(["created_at", "email", "name", "role", "user_id"]);
    expect(viewerView.json.invites).toEqual([invited.json.invite]);
    expect(Object.keys(viewerView.json.invites[0]).sort()).toEqual(["email", "expires_at", "id", "role"]);
    expect(viewerView.text).not.toContain(tokenOf(invited.json.invite_url));

    const stranger = await createTestOrg();
    expect((await list(org, await as(stranger, "owner"))).status).toBe(403);
    expect((await list(org, bearer(stranger.keys.owner))).status).toBe(403);
    expect((await list(org, bearer(org.keys.viewer))).status).toBe(200);
  });
});

describe("POST /invite-organization-member and /accept-organization-invite", () => {
  it("invites with a one-time link valid 7 days, stored hashed; the new person joins with the role and signs in", async () => {
    const org = await createTestOrg();
    const address = email();
    const invited = await invite(org, await as(org, "admin"), { email: address.toUpperCase(), role: "admin" });
    expect(invited.status).toBe(201);
    expect(invited.json.invite).toMatchObject({ email: address, role: "admin" });
    const token = tokenOf(invited.json.invite_url);
    expect(invited.json.invite_url).toBe(`${TEST_ORIGIN}/invite/${token}`);
    expect(token).toMatch(/^oiv_[A-Za-z0-9_-]{43}$/);
    const row = await db().organizationInvite.findUniqueOrThrow({ where: { id: invited.json.invite.id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    const lifetimeDays = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(lifetimeDays).toBeCloseTo(7, 3);

    const accepted = await accept({ token, password: PASSWORD, name: "New Person" });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ org_id: org.orgId, email: address, role: "admin" });
    const session = await signIn({ email: address, password: PASSWORD, forwardedFor: randomAddress() });
    const me = await callRoute(meRoute.GET, { path: "/me", headers: { cookie: session.sessionCookie! } });
    expect(me.json.organizations).toEqual([expect.objectContaining({ id: org.orgId, role: "admin" })]);

    // Replayed: the link worked once.
    expect((await accept({ token, password: PASSWORD })).status).toBe(404);
    const audit = await db().auditEntry.findMany({
      where: { orgId: org.orgId, action: { in: ["member.invited", "member.invite_accepted"] } },
    });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["member.invite_accepted", "member.invited"]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit.map((entry) => entry.changedFields))).not.toContain(address);
  });

  it("two simultaneous accepts of one link make one member", async () => {
    const org = await createTestOrg();
    const address = email();
    const { json } = await invite(org, await as(org, "owner"), { email: address, role: "viewer" });
    const token = tokenOf(json.invite_url);
    const results = await Promise.all([
      accept({ token, password: PASSWORD }),
      accept({ token, password: PASSWORD }),
      accept({ token, password: PASSWORD }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 404, 404]);
    expect(await db().user.count({ where: { email: address } })).toBe(1);
    expect(await db().membership.count({ where: { orgId: org.orgId, user: { email: address } } })).toBe(1);
  });

  it("an existing user joins with their own password, which stays as it was", async () => {
    const org = await createTestOrg();
    const person = await createUserWithPassword(PASSWORD);
    const before = await db().user.findUniqueOrThrow({ where: { id: person.id } });
    const { json } = await invite(org, await as(org, "owner"), { email: person.email, role: "viewer" });
    const token = tokenOf(json.invite_url);

    const wrong = await accept({ token, password: "somebody else's password" });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatch(/already have an account/);
    expect(await db().membership.count({ where: { orgId: org.orgId, userId: person.id } })).toBe(0);

    const right = await accept({ token, password: PASSWORD });
    expect(right.status).toBe(200);
    expect(right.json.user_id).toBe(person.id);
    const after = await db().user.findUniqueOrThrow({ where: { id: person.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("refuses expired, revoked and malformed links, and rate-limits guessing", async () => {
    const org = await createTestOrg();
    const owner = await as(org, "owner");
    const expired = await invite(org, owner, { email: email(), role: "viewer" });
    await db().organizationInvite.update({
      where: { id: expired.json.invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await accept({ token: tokenOf(expired.json.invite_url), password: PASSWORD })).status).toBe(404);
    const revoked = await invite(org, owner, { email: email(), role: "viewer" });
    expect((await revokeInvite(revoked.json.invite.id, owner)).status).toBe(200);
    expect((await accept({ token: tokenOf(revoked.json.invite_url), password: PASSWORD })).status).toBe(404);
    expect((await list(org, owner)).json.invites).toEqual([]);

    const ip = randomAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= FAILURES_PER_MINUTE; attempt += 1) {
      statuses.push((await accept({ token: `oiv_${"A".repeat(43)}`, password: PASSWORD }, ip)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    // Even a valid link waits out the limit from that address.
    const valid = await invite(org, owner, { email: email(), role: "viewer" });
    expect((await accept({ token: tokenOf(valid.json.invite_url), password: PASSWORD }, ip)).status).toBe(429);
  });

  it("refuses viewers, admins inviting owners, strangers, and members already in", async () => {
    const org = await createTestOrg();
    const stranger = await createTestOrg();
    expect((await invite(org, await as(org, "viewer"), { email: email(), role: "viewer" })).status).toBe(403);
    expect((await invite(org, bearer(org.keys.viewer), { email: email(), role: "viewer" })).status).toBe(403);
    expect((await invite(org, await as(org, "admin"), { email: email(), role: "owner" })).status).toBe(403);
    expect((await invite(org, bearer(org.keys.admin), { email: email(), role: "owner" })).status).toBe(403);
    expect((await invite(org, await as(stranger, "owner"), { email: email(), role: "viewer" })).status).toBe(403);
    expect((await invite(org, bearer(stranger.keys.owner), { email: email(), role: "viewer" })).status).toBe(403);
    expect(await db().organizationInvite.count({ where: { orgId: org.orgId } })).toBe(0);
    // An owner key acts as an owner.
    expect((await invite(org, bearer(org.keys.owner), { email: email(), role: "owner" })).status).toBe(201);
    const member = await db().user.findUniqueOrThrow({ where: { id: org.userIds.viewer } });
    expect((await invite(org, await as(org, "owner"), { email: member.email, role: "admin" })).status).toBe(409);
    expect((await invite(org, await as(org, "owner"), { email: "not-an-email", role: "admin" })).status).toBe(400);
  });
});

describe("POST /revoke-organization-invite", () => {
  it("answers 404 for another organization's invite and 403 to an admin for an owner's invitation", async () => {
    const org = await createTestOrg();
    const stranger = await createTestOrg();
    const ownerInvite = await invite(org, await as(org, "owner"), { email: email(), role: "owner" });
    const id = ownerInvite.json.invite.id;
    expect((await revokeInvite(id, await as(stranger, "owner"))).status).toBe(404);
    expect((await revokeInvite(id, bearer(stranger.keys.owner))).status).toBe(404);
    expect((await revokeInvite(id, await as(org, "admin"))).status).toBe(403);
    expect((await revokeInvite(id, await as(org, "viewer"))).status).toBe(403);
    expect((await list(org, await as(org, "owner"))).json.invites).toHaveLength(1);
    expect((await revokeInvite(id, await as(org, "owner"))).status).toBe(200);
    expect((await revokeInvite(id, await as(org, "owner"))).status).toBe(409);
  });
});
