// Password rules, shared by the server (lib/auth/password.ts) and the forms: the same minimum as sign-in's accounts.
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;
// scrypt reads the whole password; a cap keeps a huge body from being hashed.
export const MAX_PASSWORD_LENGTH = 1024;

export const ZNewPassword = z
  .string({ error: "password is required" })
  .min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must have at most ${MAX_PASSWORD_LENGTH} characters`);

/** A password that is only checked against a stored hash (any length the form allows). */
export const ZExistingPassword = z
  .string({ error: "password is required" })
  .min(1, "must not be empty")
  .max(MAX_PASSWORD_LENGTH);
