"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useDeferredValue, useMemo, useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { DismissibleMessage, type TPageMessage } from "@/components/ui/dismissible-message";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { buttonClass, cardClass } from "@/components/ui/styles";
import type { TIntegrationType } from "@/lib/providers/integration-types";
import { DeleteIntegrationDialog } from "./delete-integration-dialog";
import { IntegrationsFilters, type ListFilters } from "./integrations-filters";
import { IntegrationsTable } from "./integrations-table";
import { useIntegrations, useToggleIntegration } from "./use-integrations";

export function IntegrationsList() {
  const { orgId, canWrite } = useOrg();
  // ?attention=1 is where the navigation's badge links; the server rendered that list already (page.tsx). Read from
  // the address, so following the badge from this very page switches the view too.
  const needsAttention = useSearchParams().get("attention") === "1";
  const integrations = useIntegrations(orgId, { needsAttention });
  const [search, setSearch] = useState("");
  const [type, setType] = useState<TIntegrationType | "">("");
  const [isActiveOnly, setIsActiveOnly] = useState(false);
  const [message, setMessage] = useState<TPageMessage | null>(null);
  const [toDelete, setToDelete] = useState<{ id: string; name: string } | null>(null);
  // Typing stays instant with 1,000 rows: filtering follows at lower priority.
  const deferredSearch = useDeferredValue(search);

  const toggle = useToggleIntegration(orgId, {
    onRefused: (text) => setMessage({ tone: "error", text }),
    onDone: (text) => setMessage({ tone: "success", text }),
  });

  const all = integrations.data;
  const visible = useMemo(() => {
    const needle = deferredSearch.trim().toLowerCase();
    return (all ?? []).filter(
      (item) =>
        (!type || item.integration_type === type) &&
        (!isActiveOnly || item.is_active) &&
        (!needle || item.name.toLowerCase().includes(needle)),
    );
  }, [all, deferredSearch, type, isActiveOnly]);
  const hasFilters = Boolean(search || type || isActiveOnly || needsAttention);
  const changeFilters = (next: Partial<ListFilters>) => {
    if (next.search !== undefined) setSearch(next.search);
    if (next.type !== undefined) setType(next.type);
    if (next.isActiveOnly !== undefined) setIsActiveOnly(next.isActiveOnly);
    if (next.needsAttention !== undefined) {
      // Next follows history.replaceState into useSearchParams, without asking the server to render the page again.
      const url = new URL(window.location.href);
      if (next.needsAttention) url.searchParams.set("attention", "1");
      else url.searchParams.delete("attention");
      window.history.replaceState(null, "", url);
    }
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PageHeader title="Integrations">Connections between your organization and the services it uses.</PageHeader>
        {canWrite && (
          <Link href={`/orgs/${orgId}/integrations/new`} className={buttonClass.primary}>
            Add integration
          </Link>
        )}
      </div>

      <DismissibleMessage message={message} testId="list-message" onDismiss={() => setMessage(null)} />

      <IntegrationsFilters filters={{ search, type, isActiveOnly, needsAttention }} onChange={changeFilters} />

      {integrations.isPending ? (
        <LoadingRows />
      ) : integrations.isError ? (
        <div data-testid="list-error">
          <Notice
            tone="error"
            title="The integrations could not be loaded"
            action={
              <button type="button" className={buttonClass.secondary} onClick={() => integrations.refetch()}>
                Retry
              </button>
            }
          >
            {(integrations.error as Error).message}
          </Notice>
        </div>
      ) : all && all.length === 0 && needsAttention ? (
        <div className={`${cardClass} p-8 text-center`} data-testid="attention-empty">
          <p className="text-slate-800">No integration needs attention.</p>
          <button
            type="button"
            className={`${buttonClass.secondary} mt-4`}
            onClick={() => changeFilters({ needsAttention: false })}
          >
            Show all integrations
          </button>
        </div>
      ) : all && all.length === 0 ? (
        <EmptyState orgId={orgId} canWrite={canWrite} />
      ) : visible.length === 0 ? (
        <div className={`${cardClass} p-8 text-center`}>
          <p className="text-slate-800">No integrations match these filters.</p>
          {hasFilters && (
            <button
              type="button"
              className={`${buttonClass.secondary} mt-4`}
              onClick={() => changeFilters({ search: "", type: "", isActiveOnly: false, needsAttention: false })}
            >
              Clear filters
            </button>
          )}
        </div>
      ) : (
        <IntegrationsTable
          orgId={orgId}
          rows={visible}
          totalCount={all?.length ?? 0}
          canWrite={canWrite}
          onToggle={(integration, active) => {
            setMessage(null);
            toggle.mutate({ integration, active });
          }}
          onDelete={setToDelete}
        />
      )}

      <DeleteIntegrationDialog
        orgId={orgId}
        integration={toDelete}
        onClose={() => setToDelete(null)}
        onDeleted={(name) => {
          setToDelete(null);
          setMessage({ tone: "success", text: `Deleted “${name}”.` });
        }}
      />
    </div>
  );
}

function LoadingRows() {
  return (
    <div className={`${cardClass} divide-y divide-slate-100`}>
      <p role="status" className="sr-only">
        Loading integrations…
      </p>
      {Array.from({ length: 5 }, (_, index) => (
        <div key={index} className="flex items-center gap-4 p-4">
          <Skeleton className="h-8 w-8" />
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="ml-auto h-4 w-32" />
        </div>
      ))}
    </div>
  );
}

function EmptyState({ orgId, canWrite }: { orgId: string; canWrite: boolean }) {
  return (
    <div className={`${cardClass} p-10 text-center`} data-testid="empty-state">
      <h2 className="text-lg font-semibold text-slate-900">No integrations yet</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-700">
        Connect Facebook Messenger, HubSpot, Salesforce, Odoo CRM or any other service to start exchanging data.
      </p>
      {canWrite ? (
        <Link href={`/orgs/${orgId}/integrations/new`} className={`${buttonClass.primary} mt-6`}>
          Add your first integration
        </Link>
      ) : (
        <p className="mt-4 text-sm text-slate-700">Ask an owner or admin of your organization to add one.</p>
      )}
    </div>
  );
}
