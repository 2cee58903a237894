// Client-side pieces shared by the forms that set a password (setup, invite, reset, account): the same rules as the
// server (lib/validations/password.ts), asked twice, and signing in with it afterwards.
import { signIn } from "next-auth/react";
import { z } from "zod";
import { MIN_PASSWORD_LENGTH, ZNewPassword } from "@/lib/validations/password";

export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters.`;

/** `password` + `password_confirmation`, which must match. */
export const ZPasswordTwice = z.object({ password: ZNewPassword, password_confirmation: z.string() });
export const passwordsMatch = (values: { password: string; password_confirmation: string }) =>
  values.password === values.password_confirmation;
export const MISMATCH = { path: ["password_confirmation"], message: "The two passwords are not the same" };

/** Signs in through next-auth's credentials endpoint, as the sign-in page does; false when that did not work. */
export async function signInWithPassword(email: string, password: string): Promise<boolean> {
  try {
    const result = await signIn("credentials", { email, password, redirect: false });
    return Boolean(result?.ok && !result.error);
  } catch {
    return false;
  }
}
