// What removing a member and changing a member's role share: one change at a time per organization, who may make
// it, the last-owner rule, and the consequences for the member's API keys and sessions.
import { AppError } from "@/lib/errors";
import { revokeKeyTree } from "@/lib/api-keys/revoke-key-tree";
import { assertOrgPermission, isRoleAbove, rolesAbove, type Actor } from "@/lib/auth/actor";
import type { SystemActor } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db/prisma";

type Tx = Prisma.TransactionClient;
export type MemberChangeActor = Actor | SystemActor;

/** Without an actor the change comes from a script or the server itself (audited as "system"). */
const SYSTEM_ACTOR: SystemActor = { kind: "system", label: "system" };

/** Whose membership changes, and who changes it (the system when nobody is named). */
export type MemberChangeTarget = { actor?: MemberChangeActor; orgId: string; userId: string };

/**
 * One member change, from the member's current role to `to` (null: removed from the organization), in one
 * transaction: the organization locked, the actor allowed to touch both roles, an owner left afterwards. `apply`
 * makes the change itself.
 */
export function changeMember<T>(
  target: MemberChangeTarget,
  to: Role | null,
  apply: (change: { tx: Tx; actor: MemberChangeActor; from: Role }) => Promise<T>,
): Promise<T> {
  const { orgId, userId } = target;
  const actor = target.actor ?? SYSTEM_ACTOR;
  return db().$transaction(async (tx) => {
    const { membership, actorRole } = await beginMemberChange(tx, { actor, orgId, userId });
    assertMayTouchRoles(actorRole, to ? [membership.role, to] : [membership.role]);
    // Demoting an owner or removing one; an owner staying owner leaves the count as it is.
    if (to !== "owner") await assertKeepsAnOwner(tx, orgId, membership.role);
    return apply({ tx, actor, from: membership.role });
  });
}

/**
 * Locks the organization, checks the actor may change members at all, and returns the target's membership.
 * Member changes in one organization run one at a time: otherwise two owners demoting each other at the same moment
 * would each still count the other and leave none. NO KEY UPDATE leaves rows that merely reference the organization
 * (new keys, integrations) unblocked.
 */
async function beginMemberChange(tx: Tx, options: { actor: MemberChangeActor; orgId: string; userId: string }) {
  const { actor, orgId, userId } = options;
  const org = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR NO KEY UPDATE`;
  if (org.length === 0) throw new AppError("not_found", "Organization not found");
  const actorRole = await changerRole(tx, actor, orgId);
  const membership = await tx.membership.findUnique({ where: { userId_orgId: { userId, orgId } } });
  if (!membership) throw new AppError("not_found", "Member not found");
  return { membership, actorRole };
}

/** The actor's current role (a person's read under the organization lock), or "owner" for the system. An API key
 *  acts with its own role, as on every other endpoint (issue 13: "an owner key acts as an owner"); the last-owner
 *  rule still keeps a person who can revoke it. */
async function changerRole(tx: Tx, actor: MemberChangeActor, orgId: string): Promise<Role> {
  if (actor.kind === "system") return "owner";
  if (actor.kind === "api_key") return assertOrgPermission(actor, orgId, "write");
  const own = await tx.membership.findUnique({ where: { userId_orgId: { userId: actor.userId, orgId } } });
  if (!own) throw new AppError("forbidden", "You do not have access to this organization");
  if (own.role === "viewer") throw new AppError("forbidden", "Your role (viewer) does not allow this action");
  return own.role;
}

/** An admin may change admins and viewers, to admin or viewer; only owners touch the owner role. */
function assertMayTouchRoles(actorRole: Role, roles: Role[]) {
  for (const role of roles) {
    if (isRoleAbove(role, actorRole))
      throw new AppError("forbidden", `Your role (${actorRole}) cannot change members to or from ${role}`);
  }
}

async function assertKeepsAnOwner(tx: Tx, orgId: string, currentRole: Role) {
  if (currentRole !== "owner") return;
  const owners = await tx.membership.count({ where: { orgId, role: "owner" } });
  if (owners <= 1)
    throw new AppError("conflict", "An organization must keep at least one owner: make someone else owner first");
}

/**
 * Revokes the keys the member created in this organization (those above `keepUpTo` when given), with every key
 * those keys created; a removal (no `keepUpTo`) also makes the member sign in again. A demoted member keeps their
 * session: roles are read on every request, so it acts with the new role at once. Call after the membership row is
 * changed: that update waits for any key the member is creating at this moment (lock-actor-role.ts).
 */
export async function withdrawMemberAccess(
  tx: Tx,
  options: { actor: MemberChangeActor; orgId: string; userId: string; keepUpTo?: Role },
) {
  const { actor, orgId, userId, keepUpTo } = options;
  const keys = await tx.apiKey.findMany({
    where: { orgId, createdBy: userId, ...(keepUpTo ? { role: { in: rolesAbove(keepUpTo) } } : {}) },
    select: { id: true },
  });
  const revokedIds = await revokeKeyTree(tx, { actor, orgId, rootIds: keys.map((key) => key.id) });
  // Their pending invites too (above the new role on a demotion): a removed admin must not walk back in with a link
  // they made while they could.
  await tx.organizationInvite.updateMany({
    where: {
      orgId,
      createdBy: userId,
      acceptedAt: null,
      revokedAt: null,
      ...(keepUpTo ? { role: { in: rolesAbove(keepUpTo) } } : {}),
    },
    data: { revokedAt: new Date() },
  });
  // Sessions are JWTs: bumping the version is what makes every cookie issued before this moment stop working.
  if (!keepUpTo) await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  return revokedIds;
}
