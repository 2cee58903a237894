// Removes a person from an organization: their membership, every API key they created there (and the keys those
// keys created), and their sessions — all in one transaction, so nothing of theirs works a moment later.
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import {
  assertKeepsAnOwner,
  assertMayTouchRoles,
  beginMemberChange,
  SYSTEM_ACTOR,
  withdrawMemberAccess,
  type MemberChangeActor,
} from "./member-change";

export async function removeMember(options: { actor?: MemberChangeActor; orgId: string; userId: string }) {
  const { orgId, userId } = options;
  const actor = options.actor ?? SYSTEM_ACTOR;
  return db().$transaction(async (tx) => {
    const { membership, actorRole } = await beginMemberChange(tx, { actor, orgId, userId });
    assertMayTouchRoles(actorRole, [membership.role]);
    await assertKeepsAnOwner(tx, orgId, membership.role);
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
