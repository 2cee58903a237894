// The new password and its confirmation, as every form that sets a password asks them (ZPasswordTwice).
import type { UseFormRegisterReturn } from "react-hook-form";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_HINT } from "@/lib/ui/password-form";

type TPasswordField = "password" | "password_confirmation";

type PasswordTwiceFieldsProps = {
  label: string;
  againLabel: string;
  errors: Partial<Record<TPasswordField, { message?: string }>>;
  register: (name: TPasswordField) => UseFormRegisterReturn;
};

export function PasswordTwiceFields({ label, againLabel, errors, register }: PasswordTwiceFieldsProps) {
  return (
    <>
      <TextField
        id="password"
        label={label}
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        error={errors.password?.message}
        registration={register("password")}
      />
      <TextField
        id="password_confirmation"
        label={againLabel}
        type="password"
        autoComplete="new-password"
        error={errors.password_confirmation?.message}
        registration={register("password_confirmation")}
      />
    </>
  );
}
