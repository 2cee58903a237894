// The audit trail: who did what to which resource, and which fields changed. Never values: secrets would leak.
import type { Actor } from "@/lib/auth/actor";
import { actorAuditFields } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditAction } from "@/lib/validations/audit-log";

export type { AuditAction };

/** Scripts (org:add-member, …) act with no person or API key behind them; the label names the script. */
export type SystemActor = { kind: "system"; label: string };

export type AuditEvent = {
  actor: Actor | SystemActor;
  orgId: string;
  action: AuditAction;
  targetType: "integration" | "api_key" | "user" | "invite" | "organization";
  targetId: string;
  changedFields?: string[];
};

/** Written inside the caller's transaction, so an action and its audit entry are stored together or not at all. */
export async function recordAudit(tx: Prisma.TransactionClient, event: AuditEvent) {
  await tx.auditEntry.create({
    data: {
      orgId: event.orgId,
      ...(event.actor.kind === "system"
        ? { actorType: "system", actorLabel: event.actor.label }
        : actorAuditFields(event.actor)),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      changedFields: event.changedFields ?? [],
    },
  });
}

/** One kind of change made to several targets at once (keys revoked together, a person in each organization). */
export async function recordAudits(
  tx: Prisma.TransactionClient,
  event: Omit<AuditEvent, "orgId" | "targetId">,
  targets: Pick<AuditEvent, "orgId" | "targetId">[],
) {
  for (const target of targets) await recordAudit(tx, { ...event, ...target });
}
