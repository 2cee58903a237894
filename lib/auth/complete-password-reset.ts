// Setting a new password through a one-time reset link (public: the token is the credential). The link is consumed in
// the same transaction that stores the password and ends every session of the person; wrong tokens count against the
// client address in the sign-in limiter.
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findOpenLink } from "./one-time-token";
import { hashPassword } from "./password";
import { assertNotRateLimited, recordAuthFailure } from "./rate-limit";

export const INVALID_RESET_MESSAGE =
  "This password-reset link is not valid: it was used, replaced or has expired. Ask an owner for a new one.";

/** The open reset behind a token (for its page), or null. */
export async function findOpenPasswordReset(token: string) {
  const reset = await findOpenLink(
    "password_reset",
    token,
    (tokenHash) =>
      db().passwordReset.findUnique({ where: { tokenHash }, include: { user: { select: { email: true } } } }),
    (row) => row.usedAt,
  );
  if (!reset) return null;
  return {
    id: reset.id,
    userId: reset.userId,
    orgId: reset.orgId,
    createdBy: reset.createdBy,
    email: reset.user.email,
  };
}

/**
 * Checked again when the link is used, not only when it was made: since then the person may have joined an
 * organization the link's owner does not own (and would take over an account that reaches it), or that owner may have
 * lost the role. A link made with an owner API key (no person behind it) stays good only while the person belongs to
 * no other organization.
 */
async function assertIssuerStillMayReset(
  tx: Prisma.TransactionClient,
  reset: { userId: string; orgId: string; createdBy: string | null },
) {
  const orgIds = (await tx.membership.findMany({ where: { userId: reset.userId }, select: { orgId: true } })).map(
    (row) => row.orgId,
  );
  const isStillAllowed = reset.createdBy
    ? (await tx.membership.count({ where: { userId: reset.createdBy, role: "owner", orgId: { in: orgIds } } })) ===
      orgIds.length
    : orgIds.every((orgId) => orgId === reset.orgId);
  if (!isStillAllowed || !orgIds.includes(reset.orgId)) throw new AppError("not_found", INVALID_RESET_MESSAGE);
}

export async function completePasswordReset(input: { token: string; password: string; ip: string }) {
  await assertNotRateLimited(input.ip);
  const reset = await findOpenPasswordReset(input.token);
  if (!reset) {
    await recordAuthFailure(input.ip);
    throw new AppError("not_found", INVALID_RESET_MESSAGE);
  }
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (!count) throw new AppError("not_found", INVALID_RESET_MESSAGE);
    await assertIssuerStillMayReset(tx, reset);
    const user = await tx.user.update({
      where: { id: reset.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, {
      actor: { kind: "system", label: "password-reset link" },
      orgId: reset.orgId,
      action: "member.password_reset_completed",
      targetType: "user",
      targetId: user.id,
      changedFields: ["password"],
    });
    return { email: user.email };
  });
}
