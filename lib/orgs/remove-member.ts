// Removes a person from an organization: their membership, every API key they created there (and the keys those
// keys created), and their sessions — all in one transaction, so nothing of theirs works a moment later.
import { recordAudit } from "@/lib/audit/record-audit";
import { changeMember, withdrawMemberAccess, type MemberChangeTarget } from "./member-change";

export async function removeMember(options: MemberChangeTarget) {
  const { orgId, userId } = options;
  return changeMember(options, null, async ({ tx, actor }) => {
    await tx.membership.delete({ where: { userId_orgId: { userId, orgId } } });
    const revokedIds = await withdrawMemberAccess(tx, { actor, orgId, userId });
    await recordAudit(tx, {
      actor,
      orgId,
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      changedFields: ["membership"],
    });
    return { org_id: orgId, user_id: userId, revoked_api_keys: revokedIds.length };
  });
}
