// The one rule for a new account, wherever one is made: first-run setup, an accepted invite, and the scripts
// (org:create, org:add-member). The email is normalised here, and sign-in (verify-sign-in.ts) uses the same rule, so
// the account is found again; the password is hashed at the current cost, and an empty name is stored as none.
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./password";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export type NewUser = { email: string; name: string | null; passwordHash: string };

/** Call before the transaction opens: the hash is the slow part, and PGlite runs one transaction at a time. */
export async function prepareNewUser(input: { email: string; password: string; name?: string }): Promise<NewUser> {
  return {
    email: normalizeEmail(input.email),
    name: input.name || null,
    passwordHash: await hashPassword(input.password),
  };
}

export function createUser(tx: Prisma.TransactionClient, user: NewUser) {
  return tx.user.create({ data: user });
}

/** The scripts' wording of the length rule: a new account needs a --password as long as any other. */
export function requirePasswordFlag(password: string | undefined): string {
  if (!password || password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("bad_request", `A new user needs --password of at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return password;
}
