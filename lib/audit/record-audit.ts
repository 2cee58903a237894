// The audit trail: who did what to which resource, and which fields changed. Never values: secrets would leak.
import type { Actor } from "@/lib/auth/actor";
import { actorAuditFields } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "integration.created"
  | "integration.updated"
  | "integration.activated"
  | "integration.deactivated"
  | "integration.deleted"
  | "integration.connection_tested"
  | "integration.token_refreshed"
  | "integration.reauth_needed"
  | "integration.page_subscription_requested"
  | "messenger.message_sent"
  | "messenger.message_retried"
  | "api_key.created"
  | "api_key.revoked"
  | "member.role_changed"
  | "member.removed";

/** Scripts (org:add-member, …) act with no person or API key behind them; the label names the script. */
export type SystemActor = { kind: "system"; label: string };

export type AuditEvent = {
  actor: Actor | SystemActor;
  orgId: string;
  action: AuditAction;
  targetType: "integration" | "api_key" | "user";
  targetId: string;
  changedFields?: string[];
};

/** Written inside the caller's transaction, so an action and its audit entry are stored together or not at all. */
export async function recordAudit(tx: Prisma.TransactionClient, event: AuditEvent) {
  await tx.auditEntry.create({
    data: {
      orgId: event.orgId,
      ...(event.actor.kind === "system" ? { actorType: "system", actorLabel: event.actor.label } : actorAuditFields(event.actor)),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      changedFields: event.changedFields ?? [],
    },
  });
}
