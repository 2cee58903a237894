// Session revocation. Session JWTs carry `sv`, the person's users.session_version when they signed in; a session is
// valid only while the two are equal. Anyone who must end all of a person's sessions (sign-out, password change,
// removal from an organization) increments the column: `sessionVersion: { increment: 1 }`.
import { db } from "@/lib/db/prisma";

/** The version a token was issued at; tokens from before sessions were versioned count as 0. */
export function tokenSessionVersion(token: Record<string, unknown> | null | undefined): number {
  return typeof token?.sv === "number" ? token.sv : 0;
}

export function isSessionCurrent(tokenVersion: unknown, user: { sessionVersion: number }): boolean {
  return tokenSessionVersion({ sv: tokenVersion }) === user.sessionVersion;
}

/**
 * Ends every session of the person. With `onlyIfVersion`, only when that is still the current version: a sign-out
 * with an already revoked cookie (a stolen copy, replayed) must not sign the person out of their newer sessions.
 */
export async function revokeSessions(input: { userId: string; onlyIfVersion?: number }) {
  const where =
    input.onlyIfVersion === undefined
      ? { id: input.userId }
      : { id: input.userId, sessionVersion: input.onlyIfVersion };
  const { count } = await db().user.updateMany({ where, data: { sessionVersion: { increment: 1 } } });
  return count > 0;
}

/** A session read after it was revoked (or its person deleted): next-auth answers it as no session and clears the cookie. */
export class SessionRevokedError extends Error {
  override name = "SessionRevokedError";
}

/**
 * For next-auth's jwt callback, which runs on every read of a session (GET /api/auth/session, getServerSession) and
 * renews the cookie after it: throws SessionRevokedError unless the token's person exists at the token's version.
 */
export async function assertSessionTokenCurrent(token: Record<string, unknown>) {
  const userId = typeof token.sub === "string" ? token.sub : null;
  const user = userId ? await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } }) : null;
  if (!user || !isSessionCurrent(token.sv, user)) throw new SessionRevokedError("The session was ended");
}
