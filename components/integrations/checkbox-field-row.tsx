"use client";

// A yes/no setting of an integration (e.g. Facebook's accept_unsigned_events), with its hint wired for screen readers.
import type { UseFormReturn } from "react-hook-form";
import { focusRing } from "@/components/ui/styles";
import type { FieldDef } from "@/lib/providers/provider-definition";
import type { FormValues } from "@/lib/ui/integration-form-schema";

export function CheckboxFieldRow({
  field,
  form,
  isReadOnly,
}: {
  field: FieldDef;
  form: UseFormReturn<FormValues>;
  isReadOnly: boolean;
}) {
  const id = `field-${field.name}`;
  return (
    <div>
      <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-800">
        {/* defaultChecked too, so the server-rendered HTML already shows the stored value before hydration. */}
        <input
          id={id}
          type="checkbox"
          disabled={isReadOnly}
          aria-describedby={field.hint ? `${id}-hint` : undefined}
          defaultChecked={form.formState.defaultValues?.[field.name] === true}
          className={`h-4 w-4 accent-blue-700 ${focusRing}`}
          {...form.register(field.name)}
        />
        {field.label}
      </label>
      {field.hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-700">
          {field.hint}
        </p>
      )}
    </div>
  );
}
