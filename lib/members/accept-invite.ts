// Accepting an invite (public: the token is the credential). Single use: the invite is consumed by one conditional
// UPDATE inside the transaction that adds the member, so two simultaneous accepts make one member. Rate-limited with
// the sign-in limiter: a wrong token counts against the client address, a wrong password against the account too.
import { AppError, badRequest } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { findOpenLink } from "@/lib/auth/one-time-token";
import { createUser, normalizeEmail, prepareNewUser, type NewUser } from "@/lib/auth/new-user";
import { MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/password";
import {
  assertNotRateLimited,
  claimSignInAttempt,
  recordAuthFailure,
  refundSignInAttempt,
} from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/prisma";

export const INVALID_INVITE_MESSAGE =
  "This invite link is not valid: it was used, revoked or has expired. Ask for a new one.";

/** The open invite behind a token, with what its page shows; null for anything else. */
export async function findOpenInvite(token: string) {
  const invite = await openInvite(token);
  if (!invite) return null;
  const hasAccount = (await db().user.findUnique({ where: { email: invite.email }, select: { id: true } })) !== null;
  return { ...invite, hasAccount };
}

/** The open invite behind a token, or null: what accepting it needs (it looks the account up itself). */
async function openInvite(token: string) {
  const invite = await findOpenLink(
    "invite",
    token,
    (tokenHash) =>
      db().organizationInvite.findUnique({ where: { tokenHash }, include: { org: { select: { name: true } } } }),
    (row) => row.acceptedAt,
  );
  if (!invite) return null;
  return {
    id: invite.id,
    orgId: invite.orgId,
    orgName: invite.org.name,
    email: invite.email,
    role: invite.role,
    expiresAt: invite.expiresAt,
  };
}

export async function acceptInvite(input: { token: string; password: string; name?: string; ip: string }) {
  await assertNotRateLimited(input.ip);
  const invite = await openInvite(input.token);
  if (!invite) {
    await recordAuthFailure(input.ip);
    throw new AppError("not_found", INVALID_INVITE_MESSAGE);
  }
  // Looked up as the new account would be stored, so an existing account is always found (never a duplicate).
  const email = normalizeEmail(invite.email);
  const existing = await db().user.findUnique({ where: { email } });
  const newUser = existing ? null : await prepareInvitedUser(email, input);
  if (existing) await checkOwnPassword(existing, input.password, input.ip);

  return db().$transaction(async (tx) => {
    const now = new Date();
    const consumed = await tx.organizationInvite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (!consumed.count) throw new AppError("not_found", INVALID_INVITE_MESSAGE);
    const user = existing ?? (await createUser(tx, newUser!));
    const membership = await tx.membership.findUnique({
      where: { userId_orgId: { userId: user.id, orgId: invite.orgId } },
    });
    if (membership) throw new AppError("conflict", `You are already a member of ${invite.orgName}: sign in`);
    await tx.membership.create({ data: { userId: user.id, orgId: invite.orgId, role: invite.role } });
    // A reset link made by an owner of their other organization must not reach this one (also re-checked at use).
    if (existing)
      await tx.passwordReset.updateMany({
        where: { userId: user.id, usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
    await tx.organizationInvite.update({ where: { id: invite.id }, data: { acceptedBy: user.id } });
    const actor = {
      kind: "user" as const,
      userId: user.id,
      email: user.email,
      roles: new Map([[invite.orgId, invite.role]]),
    };
    await recordAudit(tx, {
      actor,
      orgId: invite.orgId,
      action: "member.invite_accepted",
      targetType: "user",
      targetId: user.id,
      changedFields: ["membership", "role"],
    });
    return { org_id: invite.orgId, user_id: user.id, email: user.email, role: invite.role };
  });
}

/** The form accepts any password (an existing member types theirs): a new account's must be long enough. */
async function prepareInvitedUser(email: string, input: { password: string; name?: string }): Promise<NewUser> {
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw badRequest(`password: must have at least ${MIN_PASSWORD_LENGTH} characters`);
  return prepareNewUser({ email, password: input.password, name: input.name });
}

/** Someone who already has an account joins with their own password, checked like a sign-in. */
async function checkOwnPassword(user: { email: string; passwordHash: string }, password: string, ip: string) {
  await claimSignInAttempt(ip, user.email);
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw badRequest(`You already have an account as ${user.email}: enter its password to join`);
  }
  await refundSignInAttempt(ip, user.email);
}
