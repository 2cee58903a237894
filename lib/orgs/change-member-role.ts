// Changes a member's role. A demotion revokes the API keys they created above their new role (and the keys those
// keys created) in the same transaction; their session stays and acts with the new role from the next request on.
import { isRoleAbove } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  assertKeepsAnOwner,
  assertMayTouchRoles,
  beginMemberChange,
  SYSTEM_ACTOR,
  withdrawMemberAccess,
  type MemberChangeActor,
} from "./member-change";

export async function changeMemberRole(options: {
  actor?: MemberChangeActor;
  orgId: string;
  userId: string;
  role: Role;
}) {
  const { orgId, userId, role } = options;
  const actor = options.actor ?? SYSTEM_ACTOR;
  return db().$transaction(async (tx) => {
    const { membership, actorRole } = await beginMemberChange(tx, { actor, orgId, userId });
    assertMayTouchRoles(actorRole, [membership.role, role]);
    const result = { org_id: orgId, user_id: userId, role, revoked_api_keys: 0 };
    if (membership.role === role) return result;
    if (role !== "owner") await assertKeepsAnOwner(tx, orgId, membership.role);
    await tx.membership.update({ where: { userId_orgId: { userId, orgId } }, data: { role } });
    if (isRoleAbove(membership.role, role)) {
      result.revoked_api_keys = (await withdrawMemberAccess(tx, { actor, orgId, userId, keepUpTo: role })).length;
    }
    await recordAudit(tx, {
      actor,
      orgId,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      changedFields: ["role"],
    });
    return result;
  });
}
