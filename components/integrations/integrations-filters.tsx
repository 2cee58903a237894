"use client";

// The list's filter bar: name, type, active only, and "needs attention" (the navigation's badge links to it).
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
      <div>
        <label htmlFor="type-filter" className="block text-sm font-medium text-slate-800">
          Type
        </label>
        <select
          id="type-filter"
          value={filters.type}
          onChange={(e) => onChange({ type: e.target.value as TIntegrationType | "" })}
          className={`mt-1 ${inputClass}`}
        >
          <option value="">All types</option>
          <SelectOptions items={PROVIDER_LIST} valueOf={(kind) => kind.type} labelOf={(kind) => kind.label} />
        </select>
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        <label className="flex items-center gap-2 py-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={filters.isActiveOnly}
            onChange={(e) => onChange({ isActiveOnly: e.target.checked })}
            className={`h-4 w-4 accent-blue-700 ${focusRing}`}
          />
          Active only
        </label>
        <label className="flex items-center gap-2 py-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={filters.needsAttention}
            onChange={(e) => onChange({ needsAttention: e.target.checked })}
            className={`h-4 w-4 accent-blue-700 ${focusRing}`}
          />
          Needs attention
        </label>
      </div>
    </div>
  );
}
