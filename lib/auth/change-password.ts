// Changing one's password: the current one must be right (and wrong guesses count against the same per-account limit
// as sign-ins), the new one is hashed at today's cost, and every existing session of the person ends.
import { AppError, badRequest, notFound } from "@/lib/api/errors";
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
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw badRequest("The current password is not correct");
  await refundSignInAttempt(undefined, user.email);

  const passwordHash = await hashPassword(input.newPassword);
  // One statement: the new hash and the end of every session, and only if nobody changed the password meanwhile.
  const { count } = await db().user.updateMany({
    where: { id: user.id, passwordHash: user.passwordHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (!count) throw new AppError("conflict", "The password was changed at the same moment by another request; try again");
}
