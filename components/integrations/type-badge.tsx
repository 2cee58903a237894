import type { TIntegrationType } from "@/lib/providers/integration-types";
import { PROVIDERS } from "@/lib/providers/registry";

/** The type's monogram tile (decorative) next to its name (the accessible label). */
export function TypeIcon({ type, size = "md" }: { type: TIntegrationType; size?: "md" | "lg" }) {
  const kind = PROVIDERS[type];
  const box = size === "lg" ? "h-10 w-10 text-base" : "h-8 w-8 text-xs";
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-md font-bold ${box} ${kind.badgeClass}`}
    >
      {kind.monogram}
    </span>
  );
}

export function TypeLabel({ type }: { type: TIntegrationType }) {
  return (
    <span className="inline-flex items-center gap-2">
      <TypeIcon type={type} />
      <span>{PROVIDERS[type].label}</span>
    </span>
  );
}

export function ActiveBadge({ isActive }: { isActive: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${
        isActive ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"
      }`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${isActive ? "bg-green-700" : "bg-slate-600"}`} />
      {isActive ? "Active" : "Inactive"}
    </span>
  );
}
