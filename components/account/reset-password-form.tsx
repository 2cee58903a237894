"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormError, TextField } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import { MISMATCH, PASSWORD_HINT, passwordsMatch, signInWithPassword, ZPasswordTwice } from "@/lib/ui/password-form";

const ZResetForm = ZPasswordTwice.refine(passwordsMatch, MISMATCH);
type TResetForm = z.infer<typeof ZResetForm>;

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TResetForm>({ resolver: zodResolver(ZResetForm), defaultValues: { password: "", password_confirmation: "" } });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: TResetForm) {
    setFormError(null);
    try {
      await apiPost("/complete-password-reset", { token, password: values.password });
      router.replace((await signInWithPassword(email, values.password)) ? "/" : "/signin");
      router.refresh();
    } catch (error) {
      setFormError((error as Error).message);
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="reset-error" />
      <TextField id="password" label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={errors.password?.message} registration={form.register("password")} />
      <TextField id="password_confirmation" label="New password again" type="password" autoComplete="new-password" error={errors.password_confirmation?.message} registration={form.register("password_confirmation")} />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Set the new password"}
      </button>
    </form>
  );
}
