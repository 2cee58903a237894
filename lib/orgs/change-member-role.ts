// Changes a member's role. A demotion revokes the API keys they created above their new role (and the keys those
// keys created) in the same transaction; their session stays and acts with the new role from the next request on.
import { isRoleAbove } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeMember, withdrawMemberAccess, type MemberChangeTarget } from "./member-change";

export async function changeMemberRole(options: MemberChangeTarget & { role: Role }) {
  const { orgId, userId, role } = options;
  return changeMember(options, role, async ({ tx, actor, from }) => {
    const result = { org_id: orgId, user_id: userId, role, revoked_api_keys: 0 };
    if (from === role) return result;
    await tx.membership.update({ where: { userId_orgId: { userId, orgId } }, data: { role } });
    if (isRoleAbove(from, role)) {
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
