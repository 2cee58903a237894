"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CopyField } from "@/components/ui/copy-field";
import { Notice } from "@/components/ui/notice";
import { SelectField } from "@/components/ui/select-field";
import { FormError } from "@/components/ui/text-field";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { apiPost } from "@/lib/ui/api-client";
import type { TApiKey } from "@/lib/validations/api-key-response";
import { queryKeys } from "@/lib/ui/query-keys";
import { ZCreateApiKey } from "@/lib/validations/api-key";

// The server's schema, minus org_id (it comes from the page).
const ZKeyForm = ZCreateApiKey.pick({ name: true, role: true });
type TKeyFormInput = z.input<typeof ZKeyForm>;
type TKeyForm = z.output<typeof ZKeyForm>;

export function CreateApiKeyForm({ orgId, canCreateOwnerKeys }: { orgId: string; canCreateOwnerKeys: boolean }) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<(TApiKey & { key: string }) | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TKeyFormInput, unknown, TKeyForm>({
    resolver: zodResolver(ZKeyForm),
    defaultValues: { name: "", role: "admin" },
  });
  const nameError = form.formState.errors.name?.message;

  async function submit(values: TKeyForm) {
    setFormError(null);
    try {
      const { api_key } = await apiPost<{ api_key: TApiKey & { key: string } }>("/create-organization-api-key", {
        org_id: orgId,
        ...values,
      });
      setCreated(api_key);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(orgId) });
    } catch (error) {
      setFormError((error as Error).message);
    }
  }

  return (
    <section aria-labelledby="create-key-heading" className={`${cardClass} p-6`}>
      <h2 id="create-key-heading" className="text-base font-semibold text-slate-900">
        Create a key
      </h2>
      {created && (
        <div className="mt-4 space-y-3" data-testid="new-api-key">
          <Notice tone="success" title={`Key “${created.name}” created`}>
            Copy it now and store it safely: it will not be shown again.
          </Notice>
          <CopyField id="new-key" label="New API key" value={created.key} />
          <button type="button" className={buttonClass.link} onClick={() => setCreated(null)}>
            I have stored it — hide the key
          </button>
        </div>
      )}
      <FormError message={formError} testId="key-form-error" className="mt-4" />
      <form onSubmit={form.handleSubmit(submit)} noValidate className="mt-4 flex flex-wrap items-start gap-4">
        <div className="min-w-64 flex-1">
          <label htmlFor="key-name" className="block text-sm font-medium text-slate-800">
            Name
          </label>
          <input
            id="key-name"
            className={`mt-1 ${inputClass}`}
            placeholder="e.g. CRM sync server"
            aria-invalid={Boolean(nameError)}
            aria-describedby={nameError ? "key-name-error" : undefined}
            {...form.register("name")}
          />
          {nameError && (
            <p id="key-name-error" className="mt-1 text-sm font-medium text-red-800">
              Name {nameError}
            </p>
          )}
        </div>
        <SelectField id="key-role" label="Role" {...form.register("role")}>
          {canCreateOwnerKeys && <option value="owner">Owner</option>}
          <option value="admin">Admin</option>
          <option value="viewer">Viewer (read-only)</option>
        </SelectField>
        <button type="submit" className={`${buttonClass.primary} mt-6`} disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Creating…" : "Create key"}
        </button>
      </form>
    </section>
  );
}
