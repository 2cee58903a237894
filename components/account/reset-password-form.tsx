"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormError } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import { MISMATCH, passwordsMatch, ZPasswordTwice } from "@/lib/ui/password-form";
import { PasswordTwiceFields } from "./password-twice-fields";
import { useSaveThenSignIn } from "./use-save-then-sign-in";

const ZResetForm = ZPasswordTwice.refine(passwordsMatch, MISMATCH);
type TResetForm = z.infer<typeof ZResetForm>;

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const { formError, saveThenSignIn } = useSaveThenSignIn();
  const form = useForm<TResetForm>({
    resolver: zodResolver(ZResetForm),
    defaultValues: { password: "", password_confirmation: "" },
  });
  const { isSubmitting } = form.formState;

  const submit = (values: TResetForm) =>
    saveThenSignIn(async () => {
      await apiPost("/complete-password-reset", { token, password: values.password });
      return { email, password: values.password, signedIn: "/", signedOut: "/signin" };
    });

  return (
    <form method="post" onSubmit={form.handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="reset-error" />
      <PasswordTwiceFields label="New password" againLabel="New password again" form={form} />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Set the new password"}
      </button>
    </form>
  );
}
