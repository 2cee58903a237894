"use client";

// The audit page's filters: action, actor (everyone who appears in the log) and integration.
import { useIntegrations } from "@/components/integrations/use-integrations";
import { cardClass, inputClass } from "@/components/ui/styles";
import { AUDIT_ACTIONS, SYSTEM_ACTOR } from "@/lib/validations/audit-log";
import { actionLabel, actorKindLabel } from "./audit-labels";
import { useAuditActors, type AuditFilters } from "./use-audit-log";

type Props = { orgId: string; filters: AuditFilters; onChange: (next: Partial<AuditFilters>) => void };

export function AuditFiltersBar({ orgId, filters, onChange }: Props) {
  const actors = useAuditActors(orgId);
  const integrations = useIntegrations(orgId);
  // Every script is one choice: the API filters them together (actor_id=system).
  const actorOptions = new Map<string, string>();
  for (const actor of actors.data ?? []) {
    if (actor.type === "system") actorOptions.set(SYSTEM_ACTOR, "Scripts (command line)");
    else if (actor.id) actorOptions.set(actor.id, `${actor.label ?? actor.id} (${actorKindLabel(actor.type)})`);
  }
  const isKnownIntegration = (integrations.data ?? []).some((item) => item.id === filters.integration_id);
  return (
    <div className={`${cardClass} grid gap-4 p-4 sm:grid-cols-3`} role="search" aria-label="Filter the audit log">
      <div className="min-w-0">
        <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">
          Action
        </label>
        <select
          id="audit-action"
          value={filters.action}
          onChange={(e) => onChange({ action: e.target.value })}
          className={`mt-1 ${inputClass}`}
        >
          <option value="">All actions</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {action} — {actionLabel(action)}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
          Actor
        </label>
        <select
          id="audit-actor"
          value={filters.actor_id}
          onChange={(e) => onChange({ actor_id: e.target.value })}
          className={`mt-1 ${inputClass}`}
        >
          <option value="">Everyone</option>
          {filters.actor_id && !actorOptions.has(filters.actor_id) && (
            <option value={filters.actor_id}>{filters.actor_id}</option>
          )}
          {[...actorOptions].map(([id, label]) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-0">
        <label htmlFor="audit-integration" className="block text-sm font-medium text-slate-800">
          Integration
        </label>
        <select
          id="audit-integration"
          value={filters.integration_id}
          onChange={(e) => onChange({ integration_id: e.target.value })}
          className={`mt-1 ${inputClass}`}
        >
          <option value="">All integrations</option>
          {/* A deleted integration (reached from one of its entries) keeps its entries. */}
          {filters.integration_id && !isKnownIntegration && (
            <option value={filters.integration_id}>Deleted integration {filters.integration_id.slice(0, 8)}</option>
          )}
          {(integrations.data ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
