"use client";

// The audit page: who did what, newest first, filtered by action, actor and integration (kept in the address, so a
// filtered view can be shared), fifty at a time with "Load more". Names of changed fields only, never values.
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { useIntegrations } from "@/components/integrations/use-integrations";
import { Notice } from "@/components/ui/notice";
import { LoadMoreButton } from "@/components/ui/load-more-button";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { cardClass } from "@/components/ui/styles";
import { AuditEntryItem } from "./audit-entry";
import { AuditFiltersBar } from "./audit-filters";
import { useAuditLog, type AuditFilters } from "./use-audit-log";

const FILTER_NAMES = ["action", "actor_id", "integration_id"] as const;

function useFiltersInAddress() {
  const params = useSearchParams();
  const [filters, setFilters] = useState<AuditFilters>(() => ({
    action: params.get("action") ?? "",
    actor_id: params.get("actor_id") ?? "",
    integration_id: params.get("integration_id") ?? "",
  }));
  const change = (next: Partial<AuditFilters>) => {
    const merged = { ...filters, ...next };
    setFilters(merged);
    const url = new URL(window.location.href);
    for (const name of FILTER_NAMES) {
      if (merged[name]) url.searchParams.set(name, merged[name]);
      else url.searchParams.delete(name);
    }
    window.history.replaceState(null, "", url);
  };
  return [filters, change] as const;
}

export function AuditLogView() {
  const { orgId, canWrite, role } = useOrg();
  const [filters, changeFilters] = useFiltersInAddress();
  const log = useAuditLog(orgId, filters, { enabled: canWrite });
  const integrations = useIntegrations(orgId);
  const integrationNames = useMemo(
    () => new Map((integrations.data ?? []).map((item) => [item.id, item.name])),
    [integrations.data],
  );
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  const isFiltered = FILTER_NAMES.some((name) => filters[name]);

  if (!canWrite) {
    return (
      <Notice tone="info" title="Owners and admins only">
        Your role ({role}) cannot read the audit log.
      </Notice>
    );
  }
  return (
    <div className="space-y-6">
      <PageHeader title="Audit log">
        Every change to integrations, API keys and members: who, when, and which fields — never their values.
      </PageHeader>
      <AuditFiltersBar orgId={orgId} filters={filters} onChange={changeFilters} />
      <section aria-labelledby="audit-heading" className={cardClass}>
        <h2 id="audit-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900">
          {isFiltered ? "Matching entries" : "All entries"}, newest first
        </h2>
        <QueryState
          query={log}
          loadingLabel="Loading the audit log…"
          errorTitle="The audit log could not be loaded"
          errorTestId="audit-error"
          isEmpty={entries.length === 0}
          empty={
            <p className="p-4 text-sm text-slate-700" data-testid="audit-empty">
              {isFiltered ? "No entries match these filters." : "Nothing has been changed yet."}
            </p>
          }
        >
          {() => (
            <ol className="divide-y divide-slate-100" aria-label="Audit entries">
              {entries.map((entry) => (
                <AuditEntryItem
                  key={entry.id}
                  entry={entry}
                  integrationNames={integrationNames}
                  onFilterIntegration={(id) => changeFilters({ integration_id: id })}
                />
              ))}
            </ol>
          )}
        </QueryState>
        {log.hasNextPage && (
          <div className="border-t border-slate-200 p-4 text-center">
            <LoadMoreButton query={log} label="Load more" />
          </div>
        )}
      </section>
    </div>
  );
}
