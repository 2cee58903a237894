"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useOrg } from "@/components/app-shell/org-context";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { ConfirmDialog, mutationDialogProps } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { responsiveTable as t } from "@/components/ui/responsive-table";
import { RowButton } from "@/components/ui/row-button";
import { cardClass } from "@/components/ui/styles";
import { apiFetchForOrg, apiPost } from "@/lib/ui/api-client";
import type { TApiKey } from "@/lib/validations/api-key-response";
import { fullDate, timeAgo } from "@/lib/ui/format";
import { queryKeys } from "@/lib/ui/query-keys";
import { CreateApiKeyForm } from "./create-api-key-form";
import { canRevokeKey, creatorLabel } from "./key-permissions";

const COLUMNS = ["Name", "Key", "Role", "Created", "Created by", "Last used"];

export function ApiKeysPanel() {
  const { orgId, canWrite, role } = useOrg();
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: queryKeys.apiKeys(orgId),
    queryFn: () => apiFetchForOrg<{ api_keys: TApiKey[] }>("/organization-api-keys", orgId).then((d) => d.api_keys),
    enabled: canWrite,
  });
  const [toRevoke, setToRevoke] = useState<TApiKey | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => apiPost<{ api_key: TApiKey }>("/revoke-organization-api-key", { id }),
    onSuccess: async () => {
      setToRevoke(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(orgId) });
    },
  });

  if (!canWrite) {
    return (
      <Notice tone="info" title="Owners and admins only">
        Your role ({role}) cannot manage API keys.
      </Notice>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader title="API keys">
        Keys let servers call the integrations API with{" "}
        <code className="rounded bg-slate-100 px-1">Authorization: Bearer oik_…</code>. A key is shown once, when it is
        created.
      </PageHeader>
      <CreateApiKeyForm orgId={orgId} canCreateOwnerKeys={role === "owner"} />
      <section aria-labelledby="keys-heading" className={cardClass}>
        <h2 id="keys-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900">
          Keys of this organization
        </h2>
        <QueryState
          query={keys}
          loadingLabel="Loading keys…"
          errorTitle="The keys could not be loaded"
          isEmpty={keys.data?.length === 0}
          empty={<p className="p-4 text-sm text-slate-700">No keys yet.</p>}
        >
          {(apiKeys) => (
            <div className={`relative ${t.wrapper}`}>
              <table className={t.table}>
                <thead className={`bg-slate-50 text-xs tracking-wide text-slate-700 uppercase ${t.head}`}>
                  <ColumnHeaders names={COLUMNS} hasActions cellClassName="px-4 py-2 font-semibold" />
                </thead>
                <tbody className={`divide-y divide-slate-100 ${t.body}`}>
                  {apiKeys.map((key) => (
                    <tr key={key.id} data-testid="api-key-row" className={t.row}>
                      <td className={`${t.cell} font-medium break-all text-slate-900 sm:py-2`}>{key.name}</td>
                      <td data-label="Key" className={`${t.labelled} sm:py-2`}>
                        <code className="text-xs text-slate-800">{key.prefix}…</code>
                      </td>
                      <td data-label="Role" className={`${t.labelled} text-slate-800 sm:py-2`}>
                        {key.role}
                      </td>
                      <td data-label="Created" className={`${t.labelled} text-slate-800 sm:py-2`}>
                        <time dateTime={key.created_at} title={fullDate(key.created_at)}>
                          {timeAgo(key.created_at)}
                        </time>
                      </td>
                      <td data-label="Created by" className={`${t.labelled} break-all text-slate-800 sm:py-2`}>
                        {creatorLabel(key.created_by)}
                      </td>
                      <td data-label="Last used" className={`${t.labelled} text-slate-800 sm:py-2`}>
                        {key.last_used_at ? timeAgo(key.last_used_at) : "Never"}
                      </td>
                      <td className={`${t.cell} text-right sm:py-2 ${t.actions}`}>
                        {key.revoked_at ? (
                          <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
                            Revoked
                          </span>
                        ) : canRevokeKey(role, key.role) ? (
                          <RowButton variant="danger" label={`Revoke ${key.name}`} onClick={() => setToRevoke(key)}>
                            Revoke
                          </RowButton>
                        ) : (
                          <span className="text-xs text-slate-700">Owners can revoke</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </QueryState>
      </section>
      <ConfirmDialog
        isOpen={toRevoke !== null}
        title={`Revoke “${toRevoke?.name ?? ""}”?`}
        confirmLabel="Revoke key"
        {...mutationDialogProps(revoke, () => setToRevoke(null))}
        onConfirm={() => toRevoke && revoke.mutate(toRevoke.id)}
      >
        <p>
          Requests using the key starting with <code>{toRevoke?.prefix}</code> are refused from now on, and so are the
          keys it created. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
