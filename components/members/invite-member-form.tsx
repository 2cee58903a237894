"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { type z } from "zod";
import { SelectField } from "@/components/ui/select-field";
import { SelectOptions } from "@/components/ui/select-options";
import { FormError, FormTextField } from "@/components/ui/text-field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import type { TRole } from "@/lib/validations/api-key-response";
import { ZInviteMember } from "@/lib/validations/member";
import { ROLE_LABELS } from "./member-permissions";

const ZInviteForm = ZInviteMember.pick({ email: true, role: true });
type TInviteForm = z.output<typeof ZInviteForm>;

export function InviteMemberForm({
  roles,
  onInvite,
  error,
}: {
  roles: TRole[];
  onInvite: (values: TInviteForm) => Promise<unknown>;
  error: string | null;
}) {
  const form = useForm<z.input<typeof ZInviteForm>, unknown, TInviteForm>({
    resolver: zodResolver(ZInviteForm),
    defaultValues: { email: "", role: "viewer" },
  });

  async function submit(values: TInviteForm) {
    try {
      await onInvite(values);
      form.reset();
    } catch {
      // shown through `error`
    }
  }

  return (
    <section aria-labelledby="invite-heading" className={`${cardClass} p-4 sm:p-6`}>
      <h2 id="invite-heading" className="text-base font-semibold text-slate-900">
        Invite someone
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        You get a one-time link, valid for 7 days, to send them yourself. It is shown once.
      </p>
      <form
        onSubmit={form.handleSubmit(submit)}
        noValidate
        className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-start"
      >
        <div className="min-w-0 flex-1">
          <FormTextField form={form} name="email" id="invite-email" label="Email" type="email" autoComplete="off" />
        </div>
        <SelectField id="invite-role" label="Role" {...form.register("role")}>
          <SelectOptions items={roles} valueOf={(role) => role} labelOf={(role) => ROLE_LABELS[role]} />
        </SelectField>
        <button type="submit" className={`${buttonClass.primary} sm:mt-6`} disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Creating link…" : "Create invite link"}
        </button>
      </form>
      {error && (
        <div className="mt-4">
          <FormError message={error} testId="invite-form-error" />
        </div>
      )}
    </section>
  );
}
