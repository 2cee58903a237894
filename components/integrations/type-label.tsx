import type { TIntegrationType } from "@/lib/providers/integration-types";
import { PROVIDERS } from "@/lib/providers/registry";
import { TypeIcon } from "./type-icon";

/** The type's monogram tile next to its name, as the list shows the type. */
export function TypeLabel({ type }: { type: TIntegrationType }) {
  return (
    <span className="inline-flex items-center gap-2">
      <TypeIcon type={type} />
      <span>{PROVIDERS[type].label}</span>
    </span>
  );
}
