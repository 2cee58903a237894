// The new password and its confirmation, as every form that sets a password asks them (ZPasswordTwice).
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { FormTextField } from "@/components/ui/text-field";
import { PASSWORD_HINT } from "@/lib/ui/password-form";

type PasswordTwiceFieldsProps<T extends FieldValues> = {
  label: string;
  againLabel: string;
  form: Pick<UseFormReturn<T>, "register" | "getFieldState" | "formState">;
};

export function PasswordTwiceFields<T extends { password: string; password_confirmation: string }>({
  label,
  againLabel,
  form,
}: PasswordTwiceFieldsProps<T>) {
  // Both are new-password fields of the same form; only the name, label and hint differ.
  const newPassword = { form, type: "password", autoComplete: "new-password" } as const;
  return (
    <>
      <FormTextField {...newPassword} name={"password" as Path<T>} label={label} hint={PASSWORD_HINT} />
      <FormTextField {...newPassword} name={"password_confirmation" as Path<T>} label={againLabel} />
    </>
  );
}
