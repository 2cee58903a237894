// An owner issues a one-time password-reset link for a member (no mail server is assumed: the owner hands it over).
// Only for people whose every organization the caller owns: otherwise an owner of one organization could take over
// an account that also reaches organizations they have no say in.
import { AppError, notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertOrgPermission, roleIn, type Actor } from "@/lib/auth/actor";
import { generateOneTimeToken, publicPageUrl } from "@/lib/auth/one-time-token";
import { db } from "@/lib/db/prisma";

export const PASSWORD_RESET_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function createPasswordReset(options: { actor: Actor; orgId: string; userId: string }) {
  const { actor, orgId, userId } = options;
  const actorRole = assertOrgPermission(actor, orgId, "write");
  if (actorRole !== "owner")
    throw new AppError("forbidden", `Your role (${actorRole}) cannot reset passwords: only owners can`);
  const memberships = await db().membership.findMany({ where: { userId }, select: { orgId: true } });
  if (!memberships.some((membership) => membership.orgId === orgId)) throw notFound("Member");
  if (memberships.some((membership) => roleIn(actor, membership.orgId) !== "owner")) {
    throw new AppError(
      "forbidden",
      "This person also belongs to an organization you do not own: only they can change their password",
    );
  }
  const { token, tokenHash } = generateOneTimeToken("password_reset");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS);
  await db().$transaction(async (tx) => {
    // One open link per person: a new one withdraws the last.
    await tx.passwordReset.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
    await tx.passwordReset.create({
      data: { userId, orgId, tokenHash, expiresAt, createdBy: actor.kind === "user" ? actor.userId : null },
    });
    await recordAudit(tx, {
      actor,
      orgId,
      action: "member.password_reset_issued",
      targetType: "user",
      targetId: userId,
      changedFields: ["password_reset"],
    });
  });
  return { user_id: userId, reset_url: publicPageUrl(`/reset-password/${token}`), expires_at: expiresAt.toISOString() };
}
