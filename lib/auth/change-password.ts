// Changing one's password: the current one must be right (and wrong guesses count against the same per-account limit
// as sign-ins), the new one is hashed at today's cost, and every existing session of the person ends.
import { AppError, badRequest, notFound } from "@/lib/errors";
import { recordAudits } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password";
import { claimSignInAttempt, refundSignInAttempt } from "./rate-limit";

export async function changePassword(input: { userId: string; currentPassword: string; newPassword: string }) {
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw badRequest(`The new password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const user = await db().user.findUnique({ where: { id: input.userId } });
  if (!user) throw notFound("User");
  await claimSignInAttempt(undefined, user.email);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw badRequest("The current password is not correct");
  await refundSignInAttempt(undefined, user.email);

  const passwordHash = await hashPassword(input.newPassword);
  // One statement: the new hash and the end of every session, and only if nobody changed the password meanwhile.
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (!count)
      throw new AppError("conflict", "The password was changed at the same moment by another request; try again");
    // In every organization of the person: each one's audit log shows it (the field name, never a value).
    const memberships = await tx.membership.findMany({ where: { userId: user.id } });
    const actor = {
      kind: "user" as const,
      userId: user.id,
      email: user.email,
      roles: new Map(memberships.map((m) => [m.orgId, m.role])),
    };
    await recordAudits(
      tx,
      { actor, action: "user.password_changed", targetType: "user", changedFields: ["password"] },
      memberships.map(({ orgId }) => ({ orgId, targetId: user.id })),
    );
  });
  return { email: user.email };
}
