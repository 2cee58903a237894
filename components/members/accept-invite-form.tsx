"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { FormError, FormTextField } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import { PasswordTwiceFields } from "@/components/account/password-twice-fields";
import { orgLanding, useSaveThenSignIn } from "@/components/account/use-save-then-sign-in";
import { MISMATCH, passwordsMatch, ZPasswordTwice } from "@/lib/ui/password-form";
import { ZExistingPassword } from "@/lib/validations/password";
import type { TAcceptInviteResponse } from "@/lib/validations/member-response";

// A new person chooses a password (twice) and may give a name; someone with an account enters their own password.
const ZNewPerson = ZPasswordTwice.extend({ name: z.string().trim().max(100) }).refine(passwordsMatch, MISMATCH);
const ZExistingPerson = z.object({
  name: z.string(),
  password: ZExistingPassword.min(1, "Enter your password"),
  password_confirmation: z.string(),
});
type TAcceptForm = { name: string; password: string; password_confirmation: string };

export function AcceptInviteForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const { formError, saveThenSignIn } = useSaveThenSignIn();
  const form = useForm<TAcceptForm>({
    resolver: zodResolver(hasAccount ? ZExistingPerson : ZNewPerson),
    defaultValues: { name: "", password: "", password_confirmation: "" },
  });
  const { isSubmitting } = form.formState;

  const submit = (values: TAcceptForm) =>
    saveThenSignIn(async () => {
      const joined = await apiPost<TAcceptInviteResponse>("/accept-organization-invite", {
        token,
        password: values.password,
        ...(!hasAccount && values.name ? { name: values.name } : {}),
      });
      return { email, password: values.password, ...orgLanding(joined.org_id) };
    });

  return (
    <form method="post" onSubmit={form.handleSubmit(submit)} noValidate className="mt-6 space-y-4">
      <FormError message={formError} testId="invite-error" />
      <div>
        <p className="text-sm font-medium text-slate-800">Email</p>
        <p className="mt-1 text-sm break-all text-slate-900" data-testid="invite-email">
          {email}
        </p>
      </div>
      {hasAccount ? (
        <FormTextField
          form={form}
          name="password"
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="You already have an account: join with its password."
        />
      ) : (
        <>
          <FormTextField form={form} name="name" label="Your name (optional)" autoComplete="name" />
          <PasswordTwiceFields label="Choose a password" againLabel="Password again" form={form} />
        </>
      )}
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={isSubmitting}>
        {isSubmitting ? "Joining…" : "Join the organization"}
      </button>
    </form>
  );
}
