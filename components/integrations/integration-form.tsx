"use client";

// The create and edit form of every type: fields from lib/providers/<type>/definition.ts, validation by the server's own
// zod schemas (zodResolver), server errors mapped back onto fields or shown above the form.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { buttonClass, focusRing } from "@/components/ui/styles";
import { ApiError } from "@/lib/ui/api-client";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";
import {
  buildFormSchema,
  defaultValuesFor,
  fieldsFor,
  type FormMode,
  type FormValues,
} from "@/lib/ui/integration-form-schema";
import { mapServerError } from "@/lib/ui/server-error-fields";
import type { FieldDef } from "@/lib/providers/provider-definition";
import { SECRET_MASK, type TIntegrationType } from "@/lib/validations/integration";
import { FieldRow } from "./form-fields";

export function IntegrationForm({
  type,
  mode,
  detail,
  isReadOnly = false,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  type: TIntegrationType;
  mode: FormMode;
  detail?: TIntegrationDetail;
  isReadOnly?: boolean;
  submitLabel: string;
  onSubmit: (values: FormValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const fields = fieldsFor(type, mode);
  // Validation on submit, then on change: checking on blur would insert error text while the pointer is on its way
  // to the next control, moving it away under the click.
  const resolver = useMemo(
    () => zodResolver(buildFormSchema(type, mode)) as unknown as Resolver<FormValues>,
    [type, mode],
  );
  const form = useForm<FormValues>({ resolver, defaultValues: defaultValuesFor(type, detail) });
  const [formError, setFormError] = useState<string | null>(null);
  // The server sends a stored secret back masked: its field offers "Replace" rather than an input holding the mask.
  const hasStoredSecret = (field: FieldDef) =>
    mode === "edit" && field.kind === "secret" && detail?.[field.name as keyof TIntegrationDetail] === SECRET_MASK;

  async function submit(values: FormValues) {
    setFormError(null);
    try {
      await onSubmit(values);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        setFormError((error as Error).message || "Something went wrong. Try again.");
        return;
      }
      const mapped = mapServerError(error.message, fields);
      for (const [name, message] of Object.entries(mapped.fieldErrors))
        form.setError(name, { type: "server", message }, { shouldFocus: true });
      if (mapped.formError) setFormError(mapped.formError);
    }
  }

  return (
    <form
      onSubmit={form.handleSubmit(submit)}
      noValidate
      aria-label={`${mode === "create" ? "New" : "Edit"} integration`}
      className="space-y-5"
    >
      {formError && (
        <p
          data-testid="form-error"
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          {formError}
        </p>
      )}
      <fieldset disabled={isReadOnly} className="space-y-5">
        <legend className="sr-only">Settings</legend>
        {fields.map((field) => (
          <FieldRow
            key={field.name}
            field={field}
            form={form}
            isReadOnly={isReadOnly}
            hasStoredSecret={hasStoredSecret(field)}
          />
        ))}
        {/* On edit, the switch at the top of the page owns is_active: one control, no stale value to save. */}
        {mode === "create" && (
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            {/* defaultChecked too, so the server-rendered HTML already shows the default before hydration. */}
            <input
              type="checkbox"
              defaultChecked={form.formState.defaultValues?.is_active === true}
              className={`h-4 w-4 accent-blue-700 ${focusRing}`}
              {...form.register("is_active")}
            />
            Activate Now
          </label>
        )}
      </fieldset>
      {!isReadOnly && (
        <div className="flex gap-3">
          <button type="submit" className={buttonClass.primary} disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? "Saving…" : submitLabel}
          </button>
          {onCancel && (
            <button type="button" className={buttonClass.secondary} onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </form>
  );
}
