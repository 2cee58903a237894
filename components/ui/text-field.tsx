// A labelled input with its error message wired for screen readers, for react-hook-form registrations.
import type { FieldValues, Path, UseFormRegisterReturn, UseFormReturn } from "react-hook-form";
import { inputClass } from "./styles";

type TextFieldProps = {
  id: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  error?: string;
  hint?: string;
  registration: UseFormRegisterReturn;
};

function TextField({ id, label, type = "text", autoComplete, error, hint, registration }: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-700">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type}
        autoComplete={autoComplete}
        className={`mt-1 ${inputClass}`}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy}
        {...registration}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's field `name`: registered, with its current error; the id is the field's name unless given. */
export function FormTextField<T extends FieldValues>({
  form,
  name,
  id = name,
  ...field
}: Omit<TextFieldProps, "id" | "error" | "registration"> & {
  form: Pick<UseFormReturn<T>, "register" | "getFieldState" | "formState">;
  name: Path<T>;
  id?: string;
}) {
  const { error } = form.getFieldState(name, form.formState);
  return <TextField id={id} error={error?.message} registration={form.register(name)} {...field} />;
}

/** The form's refusal (the server's sentence), announced; `className` adds the spacing above it where it has one. */
export function FormError({
  message,
  testId,
  className,
}: {
  message: string | null;
  testId: string;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p
      data-testid={testId}
      role="alert"
      className={`${className ? `${className} ` : ""}rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900`}
    >
      {message}
    </p>
  );
}
