"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { buttonClass } from "@/components/ui/styles";
import { FormError, FormTextField } from "@/components/ui/text-field";

const ZSignIn = z.object({
  email: z.email("Enter your email address"),
  password: z.string().min(1, "Enter your password"),
});
type TSignIn = z.infer<typeof ZSignIn>;

// The server's own sentences are shown as they are ("Too many failed attempts. Try again in 42 seconds."); anything
// else is a wrong email or password, without saying which.
const SERVER_MESSAGES = [
  /^Too many failed attempts\. Try again in \d+ seconds\.$/,
  /^Sign-in is not possible right now\./,
];

function signInErrorText(error: string | null | undefined): string {
  if (error && SERVER_MESSAGES.some((pattern) => pattern.test(error))) return error;
  return "The email or password is not correct.";
}

export function SignInForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TSignIn>({
    resolver: zodResolver(ZSignIn),
    defaultValues: { email: "", password: "" },
  });
  const { isSubmitting } = form.formState;

  async function onSubmit(values: TSignIn) {
    setFormError(null);
    try {
      const result = await signIn("credentials", { ...values, redirect: false });
      if (result?.ok && !result.error) {
        router.replace(returnTo);
        router.refresh();
        return;
      }
      setFormError(signInErrorText(result?.error));
    } catch {
      // next-auth's client throws when the answer carries no URL (the server refused the request itself, or is down).
      setFormError("Sign-in is not possible right now. Try again shortly.");
    }
  }

  // method="post" here and on every password form: a submit before React hydrates must not put the password in the
  // address (history, server logs); the page just comes back.
  return (
    <form method="post" onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="signin-error" />
      <FormTextField form={form} name="email" label="Email" type="email" autoComplete="username" />
      <FormTextField form={form} name="password" label="Password" type="password" autoComplete="current-password" />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
