// A <select> under its visible label, as the filter bars and the small forms lay them out. The rest of the props go
// to the <select>: value and onChange, or a react-hook-form registration.
import type { ComponentProps } from "react";
import { inputClass } from "./styles";

type SelectFieldProps = Omit<ComponentProps<"select">, "id" | "className"> & {
  id: string;
  label: string;
  /** For the wrapper, which is what sits in the bar's grid or flex row. */
  className?: string;
};

export function SelectField({ id, label, className, children, ...select }: SelectFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} className={`mt-1 ${inputClass}`} {...select}>
        {children}
      </select>
    </div>
  );
}
