"use client";

import Link from "next/link";
import { useState } from "react";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { responsiveTable } from "@/components/ui/responsive-table";
import { RowButton } from "@/components/ui/row-button";
import { buttonClass, cardClass, focusRing } from "@/components/ui/styles";
import { fullDate, timeAgo } from "@/lib/ui/format";
import type { TIntegrationListItem } from "@/lib/validations/integration-response";
import { ActiveSwitch } from "./active-switch";
import { TokenStateBadge } from "./token-state-badge";
import { ActiveBadge } from "./active-badge";
import { TypeLabel } from "./type-label";

const PAGE_SIZE = 100;
const COLUMNS = ["Name", "Type", "Status", "Webhook URL", "Last updated"];

// Below 640 px each row is a card (components/ui/responsive-table.ts).
const { cell, labelled } = responsiveTable;

export function IntegrationsTable({
  orgId,
  rows,
  totalCount,
  canWrite,
  onToggle,
  onDelete,
}: {
  orgId: string;
  rows: TIntegrationListItem[];
  totalCount: number;
  canWrite: boolean;
  onToggle: (integration: TIntegrationListItem, active: boolean) => void;
  onDelete: (integration: { id: string; name: string }) => void;
}) {
  // Rendering is what costs with 1,000 rows, so show them a hundred at a time.
  const [limit, setLimit] = useState(PAGE_SIZE);
  const shown = rows.slice(0, limit);
  return (
    <div
      className={`${cardClass} ${responsiveTable.wrapper} relative max-sm:border-0 max-sm:bg-transparent max-sm:shadow-none`}
    >
      <table className={responsiveTable.table}>
        <caption className="sr-only">
          Integrations: showing {shown.length} of {rows.length}
          {rows.length !== totalCount ? ` matching (${totalCount} in total)` : ""}
        </caption>
        <thead
          className={`border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-700 uppercase ${responsiveTable.head}`}
        >
          <ColumnHeaders names={COLUMNS} hasActions={canWrite} cellClassName="px-4 py-3 font-semibold" />
        </thead>
        <tbody className={`divide-y divide-slate-100 ${responsiveTable.body} max-sm:p-0`}>
          {shown.map((row) => (
            <tr key={row.id} data-testid="integration-row" className={`hover:bg-slate-50 ${responsiveTable.row}`}>
              <td className={`${cell} font-medium max-sm:text-base`}>
                <Link
                  href={`/orgs/${orgId}/integrations/${row.id}`}
                  className={`rounded text-blue-800 hover:underline ${focusRing}`}
                >
                  {row.name}
                </Link>
              </td>
              <td data-label="Type" className={`${labelled} whitespace-nowrap text-slate-800`}>
                <TypeLabel type={row.integration_type} />
              </td>
              <td data-label="Status" className={`${labelled} whitespace-nowrap`}>
                <span className="inline-flex items-center gap-3">
                  {canWrite && (
                    <ActiveSwitch
                      isActive={row.is_active}
                      label={`Active: ${row.name}`}
                      onChange={(next) => onToggle(row, next)}
                    />
                  )}
                  <ActiveBadge isActive={row.is_active} />
                  <TokenStateBadge state={row.status?.token_state} />
                </span>
              </td>
              <td data-label="Webhook URL" className={`${labelled} max-w-xs max-sm:max-w-none`}>
                {row.webhook_url ? (
                  <code className="block min-w-0 truncate text-xs text-slate-800" title={row.webhook_url}>
                    {row.webhook_url}
                  </code>
                ) : (
                  <span className="text-slate-600">—</span>
                )}
              </td>
              <td data-label="Last updated" className={`${labelled} whitespace-nowrap text-slate-800`}>
                {/* Rendered on the server first (page.tsx): "3 min ago" and the local date may differ by the time it hydrates. */}
                <time dateTime={row.updated_at} title={fullDate(row.updated_at)} suppressHydrationWarning>
                  {timeAgo(row.updated_at)}
                </time>
              </td>
              {canWrite && (
                <td className={`${cell} text-right whitespace-nowrap ${responsiveTable.actions}`}>
                  <Link
                    href={`/orgs/${orgId}/integrations/${row.id}#edit`}
                    className={buttonClass.ghost}
                    aria-label={`Edit ${row.name}`}
                  >
                    Edit
                  </Link>
                  <RowButton variant="danger" label={`Delete ${row.name}`} onClick={() => onDelete(row)}>
                    Delete
                  </RowButton>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit && (
        <div className="border-t border-slate-200 p-4 text-center max-sm:border-0">
          <button type="button" className={buttonClass.secondary} onClick={() => setLimit((n) => n + PAGE_SIZE)}>
            Show more ({rows.length - limit} more)
          </button>
        </div>
      )}
    </div>
  );
}
