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
