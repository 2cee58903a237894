"use client";

// One labelled input per field definition, with its hint and inline error wired for screen readers.
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { FieldDef } from "@/lib/providers/provider-definition";
import type { FormValues } from "@/lib/ui/integration-form-schema";
import { SECRET_MASK } from "@/lib/validations/integration";
import { CheckboxFieldRow } from "./checkbox-field-row";

type Form = UseFormReturn<FormValues>;

export function FieldRow({
  field,
  form,
  isReadOnly,
  hasStoredSecret,
}: {
  field: FieldDef;
  form: Form;
  isReadOnly: boolean;
  hasStoredSecret: boolean;
}) {
  if (field.kind === "checkbox") return <CheckboxFieldRow field={field} form={form} isReadOnly={isReadOnly} />;
  const id = `field-${field.name}`;
  const error = form.formState.errors[field.name]?.message as string | undefined;
  const describedBy =
    [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    "aria-invalid": Boolean(error),
    "aria-describedby": describedBy,
    "aria-required": field.required || undefined,
    readOnly: isReadOnly,
  };

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {field.label}
        {field.required ? (
          <span className="text-red-800"> *</span>
        ) : (
          <span className="font-normal text-slate-600"> (optional)</span>
        )}
      </label>
      {field.kind === "secret" && hasStoredSecret ? (
        <StoredSecretInput field={field} form={form} common={common} isReadOnly={isReadOnly} />
      ) : field.kind === "json" ? (
        <textarea
          {...common}
          rows={8}
          spellCheck={false}
          className={`mt-1 font-mono ${inputClass}`}
          {...form.register(field.name)}
        />
      ) : (
        <input
          {...common}
          type={
            field.kind === "url"
              ? "url"
              : field.kind === "secret"
                ? "password"
                : field.kind === "datetime"
                  ? "datetime-local"
                  : "text"
          }
          autoComplete={field.kind === "secret" ? "new-password" : "off"}
          placeholder={field.placeholder}
          className={`mt-1 ${inputClass}`}
          {...form.register(field.name)}
        />
      )}
      {field.hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-700">
          {field.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} data-testid={`error-${field.name}`} className="mt-1 text-sm font-medium text-red-800">
          {capitalize(error)}
        </p>
      )}
    </div>
  );
}

/** A stored secret is never shown: the mask stays (and is sent back, meaning "unchanged") until "Replace". */
function StoredSecretInput({
  field,
  form,
  common,
  isReadOnly,
}: {
  field: FieldDef;
  form: Form;
  common: Record<string, unknown>;
  isReadOnly: boolean;
}) {
  const [isReplacing, setIsReplacing] = useState(form.getValues(field.name) !== SECRET_MASK);
  const inputId = common.id as string;
  return (
    <div className="mt-1 flex gap-2">
      {isReplacing ? (
        <input
          {...common}
          type="password"
          autoComplete="new-password"
          className={inputClass}
          placeholder={field.required ? "New value" : "New value (empty removes it)"}
          {...form.register(field.name)}
        />
      ) : (
        <input
          {...common}
          type="text"
          readOnly
          value={SECRET_MASK}
          aria-label={`${field.label} (stored, hidden)`}
          className={inputClass}
        />
      )}
      {!isReadOnly &&
        (isReplacing ? (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              form.setValue(field.name, SECRET_MASK, { shouldDirty: false, shouldValidate: true });
              setIsReplacing(false);
            }}
          >
            Keep current
          </button>
        ) : (
          <button
            type="button"
            className={buttonClass.secondary}
            aria-label={`Replace ${field.label}`}
            onClick={() => {
              form.setValue(field.name, "", { shouldDirty: true });
              setIsReplacing(true);
              requestAnimationFrame(() => document.getElementById(inputId)?.focus());
            }}
          >
            Replace
          </button>
        ))}
    </div>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
