"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { type z } from "zod";
import { Notice } from "@/components/ui/notice";
import { FormError, FormTextField } from "@/components/ui/text-field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import { MISMATCH, passwordsMatch, signInWithPassword, ZPasswordTwice } from "@/lib/ui/password-form";
import { ZExistingPassword } from "@/lib/validations/password";
import { PasswordTwiceFields } from "./password-twice-fields";

const ZChangeForm = ZPasswordTwice.extend({
  current_password: ZExistingPassword.min(1, "Enter your current password"),
}).refine(passwordsMatch, MISMATCH);
type TChangeForm = z.infer<typeof ZChangeForm>;

// Changing the password ends every session of the person, this one included: the form signs in again with the new
// password, so only the other browsers and devices are signed out.
export function ChangePasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [isDone, setIsDone] = useState(false);
  const form = useForm<TChangeForm>({
    resolver: zodResolver(ZChangeForm),
    defaultValues: { current_password: "", password: "", password_confirmation: "" },
  });
  const { isSubmitting } = form.formState;

  async function submit(values: TChangeForm) {
    setFormError(null);
    setIsDone(false);
    try {
      await apiPost("/change-password", { current_password: values.current_password, new_password: values.password });
      if (!(await signInWithPassword(email, values.password))) return router.replace("/signin");
      form.reset();
      setIsDone(true);
    } catch (error) {
      setFormError((error as Error).message);
    }
  }

  return (
    <section aria-labelledby="password-heading" className={`${cardClass} p-4 sm:p-6`}>
      <h2 id="password-heading" className="text-base font-semibold text-slate-900">
        Change your password
      </h2>
      <p className="mt-1 text-sm text-slate-700">Your other sessions (other browsers and devices) are signed out.</p>
      <form method="post" onSubmit={form.handleSubmit(submit)} noValidate className="mt-4 max-w-sm space-y-4">
        {isDone && (
          <Notice tone="success" testId="password-changed">
            Password changed. Other sessions were signed out.
          </Notice>
        )}
        <FormError message={formError} testId="password-error" />
        <FormTextField
          form={form}
          name="current_password"
          label="Current password"
          type="password"
          autoComplete="current-password"
        />
        <PasswordTwiceFields label="New password" againLabel="New password again" form={form} />
        <button type="submit" className={buttonClass.primary} disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Change password"}
        </button>
      </form>
    </section>
  );
}
