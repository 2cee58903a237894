// The check behind next-auth's credentials sign-in. The rate limit is enforced here, on the email next-auth actually
// parsed, and before any password hashing: whatever route or request shape reaches authorize(), it passes this.
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { normalizeEmail } from "./new-user";
import { dummyPasswordHash, hashPassword, isHashQueueFull, needsRehash, verifyPassword } from "./password";
import { claimSignInAttempt, refundSignInAttempt } from "./rate-limit";

export type SignedInPerson = { id: string; email: string; name: string | null; sessionVersion: number };

const MAX_EMAIL_LENGTH = 320;

/** The email as accounts store it (new-user.ts); "" for anything that is not a string or is too long to be one. */
export function signInEmail(value: unknown): string {
  const email = typeof value === "string" ? normalizeEmail(value) : "";
  return email.length <= MAX_EMAIL_LENGTH ? email : "";
}

/** The person, or null for a wrong email or password; throws 429 (AppError) once the account or client is over its limit. */
export async function verifySignIn(input: {
  email: unknown;
  password: unknown;
  ip: string;
}): Promise<SignedInPerson | null> {
  const email = signInEmail(input.email);
  const password = typeof input.password === "string" ? input.password : "";
  if (!email || !password) return null; // nothing was guessed, nothing to count
  await claimSignInAttempt(input.ip, email);
  const user = await db().user.findUnique({ where: { email } });
  const isValid = await checkPassword(password, user?.passwordHash, { ip: input.ip, email });
  if (!user || !isValid) return null; // the claimed attempt stays counted as a failure
  await refundSignInAttempt(input.ip, email);
  await upgradePasswordHash(user, password);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

/** verifyPassword, but a refusal because the hash queue is full (503) gives the claimed attempt back: nothing was guessed. */
async function checkPassword(password: string, stored: string | undefined, attempt: { ip: string; email: string }) {
  try {
    return await verifyPassword(password, stored ?? (await dummyPasswordHash()));
  } catch (error) {
    if (isHashQueueFull(error)) await refundSignInAttempt(attempt.ip, attempt.email);
    throw error;
  }
}

/** A hash made at a lower cost than today's is replaced while we hold the right password. */
async function upgradePasswordHash(user: { id: string; passwordHash: string }, password: string) {
  if (!needsRehash(user.passwordHash)) return;
  try {
    const passwordHash = await hashPassword(password);
    // Only if unchanged since it was read: a password change made meanwhile wins.
    await db().user.updateMany({ where: { id: user.id, passwordHash: user.passwordHash }, data: { passwordHash } });
  } catch (error) {
    // The sign-in itself succeeded; the upgrade is retried at the next one.
    logger.warn({ userId: user.id, error: (error as Error).name }, "Could not upgrade a password hash");
  }
}

/** What next-auth may show the client: our own messages, never the text of an unexpected error. */
export function signInFailureMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  logger.error({ error: (error as Error)?.name }, "Sign-in failed unexpectedly");
  return "Sign-in is not possible right now. Try again shortly.";
}
