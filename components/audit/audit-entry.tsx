"use client";

// One line of the audit log: when, who, what, to which resource, and the names of the fields changed (never values).
import Link from "next/link";
import { useOrg } from "@/components/app-shell/org-context";
import { fullDate, timeAgo } from "@/lib/ui/format";
import { focusRing } from "@/components/ui/styles";
import { actionLabel, actorKindLabel } from "./audit-labels";
import type { TAuditEntry } from "./use-audit-log";

type Props = {
  entry: TAuditEntry;
  integrationNames: ReadonlyMap<string, string>;
  onFilterIntegration: (id: string) => void;
};

function Target({ entry, integrationNames, onFilterIntegration }: Props) {
  const { orgId } = useOrg();
  const { type, id } = entry.target;
  if (!id) return null;
  if (type !== "integration") {
    return <span className="font-mono text-xs text-slate-700">{id.slice(0, 8)}</span>;
  }
  const name = integrationNames.get(id);
  return (
    <>
      {name ? (
        <Link
          href={`/orgs/${orgId}/integrations/${id}`}
          className={`rounded font-medium text-blue-800 hover:underline ${focusRing}`}
        >
          {name}
        </Link>
      ) : (
        <span className="text-slate-800">(deleted, {id.slice(0, 8)})</span>
      )}{" "}
      <button
        type="button"
        className={`rounded text-xs text-blue-800 underline-offset-2 hover:underline ${focusRing}`}
        onClick={() => onFilterIntegration(id)}
      >
        only this integration
      </button>
    </>
  );
}

export function AuditEntryItem(props: Props) {
  const { entry } = props;
  return (
    <li
      className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:gap-4"
      data-testid="audit-entry"
      data-action={entry.action}
    >
      <time
        dateTime={entry.created_at}
        title={fullDate(entry.created_at)}
        className="shrink-0 text-xs text-slate-700 sm:w-32 sm:pt-0.5"
      >
        {timeAgo(entry.created_at)}
      </time>
      <div className="min-w-0 flex-1 text-sm break-words text-slate-900">
        <p>
          <span className="font-medium">{entry.actor.label ?? entry.actor.id ?? "Unknown"}</span>{" "}
          <span className="text-xs text-slate-700">({actorKindLabel(entry.actor.type)})</span>{" "}
          {actionLabel(entry.action)} <Target {...props} />
        </p>
        {entry.changed_fields.length > 0 && (
          <p className="mt-0.5 text-xs text-slate-700">
            Fields: <span className="font-mono">{entry.changed_fields.join(", ")}</span>
          </p>
        )}
      </div>
    </li>
  );
}
