"use client";

// The list's filter bar: name, type, active only, and "needs attention" (the navigation's badge links to it).
import { SelectField } from "@/components/ui/select-field";
import { SelectOptions } from "@/components/ui/select-options";
import { cardClass, focusRing, inputClass } from "@/components/ui/styles";
import { PROVIDER_LIST } from "@/lib/providers/registry";
import type { TIntegrationType } from "@/lib/providers/integration-types";

export type ListFilters = {
  search: string;
  type: TIntegrationType | "";
  isActiveOnly: boolean;
  needsAttention: boolean;
};

const CHECKBOXES = [
  { name: "isActiveOnly", label: "Active only" },
  { name: "needsAttention", label: "Needs attention" },
] as const;

export function IntegrationsFilters({
  filters,
  onChange,
}: {
  filters: ListFilters;
  onChange: (next: Partial<ListFilters>) => void;
}) {
  return (
    <div
      className={`${cardClass} grid gap-4 p-4 sm:flex sm:flex-wrap sm:items-end`}
      role="search"
      aria-label="Filter integrations"
    >
      <div className="min-w-0 sm:min-w-56 sm:flex-1">
        <label htmlFor="search" className="block text-sm font-medium text-slate-800">
          Search by name
        </label>
        <input
          id="search"
          type="search"
          value={filters.search}
          onChange={(e) => onChange({ search: e.target.value })}
          className={`mt-1 ${inputClass}`}
          placeholder="e.g. Support page"
        />
      </div>
      <SelectField
        id="type-filter"
        label="Type"
        value={filters.type}
        onChange={(e) => onChange({ type: e.target.value as TIntegrationType | "" })}
      >
        <option value="">All types</option>
        <SelectOptions items={PROVIDER_LIST} valueOf={(kind) => kind.type} labelOf={(kind) => kind.label} />
      </SelectField>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {CHECKBOXES.map(({ name, label }) => (
          <label key={name} className="flex items-center gap-2 py-2 text-sm text-slate-800">
            <input
              type="checkbox"
              checked={filters[name]}
              onChange={(e) => onChange({ [name]: e.target.checked })}
              className={`h-4 w-4 accent-blue-700 ${focusRing}`}
            />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}
