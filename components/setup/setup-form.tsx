"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { type z } from "zod";
import { FormError, FormTextField } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import { PasswordTwiceFields } from "@/components/account/password-twice-fields";
import { orgLanding, useSaveThenSignIn } from "@/components/account/use-save-then-sign-in";
import { MISMATCH, passwordsMatch, ZPasswordTwice } from "@/lib/ui/password-form";
import { ZFirstRunSetup } from "@/lib/validations/member";
import type { TFirstRunSetupResponse } from "@/lib/validations/member-response";

const ZSetupForm = ZFirstRunSetup.pick({ organization_name: true, email: true })
  .extend(ZPasswordTwice.shape)
  .refine(passwordsMatch, MISMATCH);
type TSetupForm = z.infer<typeof ZSetupForm>;

export function SetupForm() {
  const { formError, saveThenSignIn } = useSaveThenSignIn();
  const form = useForm<z.input<typeof ZSetupForm>, unknown, TSetupForm>({
    resolver: zodResolver(ZSetupForm),
    defaultValues: { organization_name: "", email: "", password: "", password_confirmation: "" },
  });
  const { isSubmitting } = form.formState;

  const submit = (values: TSetupForm) =>
    saveThenSignIn(async () => {
      const created = await apiPost<TFirstRunSetupResponse>("/first-run-setup", {
        organization_name: values.organization_name,
        email: values.email,
        password: values.password,
      });
      return { email: created.email, password: values.password, ...orgLanding(created.org_id) };
    });

  return (
    <form method="post" onSubmit={form.handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="setup-error" />
      <FormTextField form={form} name="organization_name" label="Organization name" autoComplete="organization" />
      <FormTextField form={form} name="email" label="Your email" type="email" autoComplete="username" />
      <PasswordTwiceFields label="Password" againLabel="Password again" form={form} />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create organization"}
      </button>
    </form>
  );
}
