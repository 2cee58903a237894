// Withdrawing a pending invite. Invites of other organizations answer 404 (their ids cannot be probed); an admin
// cannot withdraw an owner's invitation of an owner.
import { AppError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertResourcePermission, assertRoleAtLeast, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { serializeInvite } from "./serialize-member";

export async function revokeInvite(options: { actor: Actor; inviteId: string }) {
  const { actor, inviteId } = options;
  const invite = await db().organizationInvite.findUnique({ where: { id: inviteId } });
  if (!invite) throw notFound("Invite");
  const actorRole = assertResourcePermission(actor, invite.orgId, "write", "Invite");
  assertRoleAtLeast(actorRole, invite.role, `Your role (${actorRole}) cannot revoke an invite as ${invite.role}`);
  return db().$transaction(async (tx) => {
    // Only while still open, in one statement: an invite accepted meanwhile stays accepted.
    const { count } = await tx.organizationInvite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { revokedAt: new Date() },
    });
    if (!count) throw new AppError("conflict", "This invite is no longer pending (accepted, revoked or expired)");
    await recordAudit(tx, {
      actor,
      orgId: invite.orgId,
      action: "member.invite_revoked",
      targetType: "invite",
      targetId: invite.id,
      changedFields: ["revoked_at"],
    });
    return serializeInvite(invite);
  });
}
