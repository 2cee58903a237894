"use client";

// The audit page's filters: action, actor (everyone who appears in the log) and integration.
import { useIntegrations } from "@/components/integrations/use-integrations";
import { SelectField } from "@/components/ui/select-field";
import { SelectOptions } from "@/components/ui/select-options";
import { cardClass } from "@/components/ui/styles";
import { AUDIT_ACTIONS, SYSTEM_ACTOR } from "@/lib/validations/audit-log";
import { actionLabel, actorKindLabel } from "./audit-labels";
import { useAuditActors, type AuditFilters } from "./use-audit-log";

type Props = { orgId: string; filters: AuditFilters; onChange: (next: Partial<AuditFilters>) => void };

/** One select per filter: "all" first, then the value in the address if no choice has it, then the choices. */
type FilterSelect = {
  name: keyof AuditFilters;
  id: string;
  label: string;
  allLabel: string;
  choices: Map<string, string>;
  unknownLabel?: (value: string) => string;
};

const ACTION_CHOICES = new Map(AUDIT_ACTIONS.map((action) => [action, `${action} — ${actionLabel(action)}`]));

export function AuditFiltersBar({ orgId, filters, onChange }: Props) {
  const actors = useAuditActors(orgId);
  const integrations = useIntegrations(orgId);
  // Every script is one choice: the API filters them together (actor_id=system).
  const actorChoices = new Map<string, string>();
  for (const actor of actors.data ?? []) {
    if (actor.type === "system") actorChoices.set(SYSTEM_ACTOR, "Scripts (command line)");
    else if (actor.id) actorChoices.set(actor.id, `${actor.label ?? actor.id} (${actorKindLabel(actor.type)})`);
  }
  const selects: FilterSelect[] = [
    { name: "action", id: "audit-action", label: "Action", allLabel: "All actions", choices: ACTION_CHOICES },
    {
      name: "actor_id",
      id: "audit-actor",
      label: "Actor",
      allLabel: "Everyone",
      choices: actorChoices,
      unknownLabel: (id) => id,
    },
    {
      name: "integration_id",
      id: "audit-integration",
      label: "Integration",
      allLabel: "All integrations",
      choices: new Map((integrations.data ?? []).map((item) => [item.id, item.name])),
      // A deleted integration (reached from one of its entries) keeps its entries.
      unknownLabel: (id) => `Deleted integration ${id.slice(0, 8)}`,
    },
  ];
  return (
    <div className={`${cardClass} grid gap-4 p-4 sm:grid-cols-3`} role="search" aria-label="Filter the audit log">
      {selects.map(({ name, id, label, allLabel, choices, unknownLabel }) => {
        const value = filters[name];
        return (
          <SelectField
            key={name}
            id={id}
            label={label}
            className="min-w-0"
            value={value}
            onChange={(e) => onChange({ [name]: e.target.value })}
          >
            <option value="">{allLabel}</option>
            {value && unknownLabel && !choices.has(value) && <option value={value}>{unknownLabel(value)}</option>}
            <SelectOptions items={[...choices]} valueOf={([choice]) => choice} labelOf={([, text]) => text} />
          </SelectField>
        );
      })}
    </div>
  );
}
