"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormError, TextField } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import { MISMATCH, PASSWORD_HINT, passwordsMatch, signInWithPassword, ZPasswordTwice } from "@/lib/ui/password-form";
import { ZFirstRunSetup } from "@/lib/validations/member";
import type { TFirstRunSetupResponse } from "@/lib/validations/member-response";

const ZSetupForm = ZFirstRunSetup.pick({ organization_name: true, email: true }).extend(ZPasswordTwice.shape).refine(passwordsMatch, MISMATCH);
type TSetupForm = z.infer<typeof ZSetupForm>;

export function SetupForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<z.input<typeof ZSetupForm>, unknown, TSetupForm>({
    resolver: zodResolver(ZSetupForm),
    defaultValues: { organization_name: "", email: "", password: "", password_confirmation: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: TSetupForm) {
    setFormError(null);
    try {
      const created = await apiPost<TFirstRunSetupResponse>("/first-run-setup", {
        organization_name: values.organization_name,
        email: values.email,
        password: values.password,
      });
      const target = `/orgs/${created.org_id}/integrations`;
      router.replace((await signInWithPassword(created.email, values.password)) ? target : `/signin?callbackUrl=${encodeURIComponent(target)}`);
      router.refresh();
    } catch (error) {
      setFormError((error as Error).message);
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="setup-error" />
      <TextField id="organization_name" label="Organization name" autoComplete="organization" error={errors.organization_name?.message} registration={form.register("organization_name")} />
      <TextField id="email" label="Your email" type="email" autoComplete="username" error={errors.email?.message} registration={form.register("email")} />
      <TextField id="password" label="Password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={errors.password?.message} registration={form.register("password")} />
      <TextField id="password_confirmation" label="Password again" type="password" autoComplete="new-password" error={errors.password_confirmation?.message} registration={form.register("password_confirmation")} />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create organization"}
      </button>
    </form>
  );
}
