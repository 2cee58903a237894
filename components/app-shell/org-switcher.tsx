"use client";

import { useRouter } from "next/navigation";
import { useOrg } from "./org-context";
import { SelectOptions } from "@/components/ui/select-options";
import { focusRing } from "@/components/ui/styles";

export function OrgSwitcher() {
  const { orgId, orgName, organizations } = useOrg();
  const router = useRouter();
  if (organizations.length < 2) return <span className="text-sm font-medium text-slate-800">{orgName}</span>;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span>Organization</span>
      <select
        value={orgId}
        onChange={(event) => router.push(`/orgs/${event.target.value}/integrations`)}
        className={`rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 ${focusRing}`}
      >
        <SelectOptions items={organizations} valueOf={(org) => org.id} labelOf={(org) => org.name} />
      </select>
    </label>
  );
}
