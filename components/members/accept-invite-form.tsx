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
import { ZExistingPassword } from "@/lib/validations/password";
import type { TAcceptInviteResponse } from "@/lib/validations/member-response";

// A new person chooses a password (twice) and may give a name; someone with an account enters their own password.
const ZNewPerson = ZPasswordTwice.extend({ name: z.string().trim().max(100) }).refine(passwordsMatch, MISMATCH);
const ZExistingPerson = z.object({ name: z.string(), password: ZExistingPassword.min(1, "Enter your password"), password_confirmation: z.string() });
type TAcceptForm = { name: string; password: string; password_confirmation: string };

export function AcceptInviteForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TAcceptForm>({
    resolver: zodResolver(hasAccount ? ZExistingPerson : ZNewPerson),
    defaultValues: { name: "", password: "", password_confirmation: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: TAcceptForm) {
    setFormError(null);
    try {
      const joined = await apiPost<TAcceptInviteResponse>("/accept-organization-invite", {
        token,
        password: values.password,
        ...(!hasAccount && values.name ? { name: values.name } : {}),
      });
      const target = `/orgs/${joined.org_id}/integrations`;
      router.replace((await signInWithPassword(email, values.password)) ? target : `/signin?callbackUrl=${encodeURIComponent(target)}`);
      router.refresh();
    } catch (error) {
      setFormError((error as Error).message);
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="invite-error" />
      <div>
        <p className="text-sm font-medium text-slate-800">Email</p>
        <p className="mt-1 break-all text-sm text-slate-900" data-testid="invite-email">{email}</p>
      </div>
      {hasAccount ? (
        <TextField id="password" label="Your password" type="password" autoComplete="current-password" hint="You already have an account: join with its password." error={errors.password?.message} registration={form.register("password")} />
      ) : (
        <>
          <TextField id="name" label="Your name (optional)" autoComplete="name" error={errors.name?.message} registration={form.register("name")} />
          <TextField id="password" label="Choose a password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={errors.password?.message} registration={form.register("password")} />
          <TextField id="password_confirmation" label="Password again" type="password" autoComplete="new-password" error={errors.password_confirmation?.message} registration={form.register("password_confirmation")} />
        </>
      )}
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Joining…" : "Join the organization"}
      </button>
    </form>
  );
}
