"use client";

// How many integrations need attention (lib/integrations/attention.ts), linking to the list filtered to them.
import Link from "next/link";
import { useAttentionCount } from "@/components/integrations/use-integrations";
import { focusRing } from "@/components/ui/styles";
import { useOrg } from "./org-context";

export function AttentionBadge() {
  const { orgId } = useOrg();
  const { data: count } = useAttentionCount(orgId);
  if (!count) return null;
  return (
    <Link
      href={`/orgs/${orgId}/integrations?attention=1`}
      className={`inline-flex items-center gap-2 rounded-full bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900 hover:bg-amber-200 ${focusRing}`}
      data-testid="attention-badge"
    >
      <span className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-amber-800 px-1.5 text-xs font-semibold text-white">
        {count}
      </span>
      {count === 1 ? "integration needs" : "integrations need"} attention
    </Link>
  );
}
