// Inviting someone: a one-time link valid 7 days, shown once (only its hash is stored). Owners invite any role,
// admins admins and viewers. A new invite for the same person replaces their pending one: the old link may be lost.
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertOrgPermission, assertRoleAtLeast, createdByFields, isRoleAbove, type Actor } from "@/lib/auth/actor";
import { generateOneTimeToken, publicPageUrl } from "@/lib/auth/one-time-token";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { serializeInvite } from "./serialize-member";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export async function inviteMember(options: { actor: Actor; orgId: string; email: string; role: Role }) {
  const { actor, orgId, email, role } = options;
  const actorRole = assertOrgPermission(actor, orgId, "write");
  assertRoleAtLeast(actorRole, role, `Your role (${actorRole}) cannot invite someone as ${role}`);
  const { token, tokenHash } = generateOneTimeToken("invite");
  const now = new Date();
  return db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { orgId, user: { email } }, select: { userId: true } });
    if (member) throw new AppError("conflict", `${email} is already a member of this organization`);
    const pending = await tx.organizationInvite.findMany({
      where: { orgId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    });
    if (pending.some((invite) => isRoleAbove(invite.role, actorRole))) {
      throw new AppError("forbidden", `${email} has a pending invite as owner: only an owner can replace it`);
    }
    for (const invite of pending) {
      await tx.organizationInvite.update({ where: { id: invite.id }, data: { revokedAt: now } });
      await recordAudit(tx, {
        actor,
        orgId,
        action: "member.invite_revoked",
        targetType: "invite",
        targetId: invite.id,
        changedFields: ["revoked_at"],
      });
    }
    const invite = await tx.organizationInvite.create({
      data: {
        orgId,
        email,
        role,
        tokenHash,
        expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS),
        ...createdByFields(actor),
      },
    });
    await recordAudit(tx, {
      actor,
      orgId,
      action: "member.invited",
      targetType: "invite",
      targetId: invite.id,
      changedFields: ["email", "role"],
    });
    return { invite: serializeInvite(invite), invite_url: publicPageUrl(`/invite/${token}`) };
  });
}
