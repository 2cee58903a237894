import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SYSTEM_ACTOR, type TAuditLogQuery } from "@/lib/validations/audit-log";
import type { TAuditLogResponse } from "@/lib/validations/api-key-response";
import { keysetPage, olderThan } from "@/lib/db/keyset";
import type { TKeysetCursor } from "@/lib/validations/keyset-cursor";

type AuditFilters = Pick<TAuditLogQuery, "action" | "actor_id" | "integration_id">;

function filtersWhere(filters: AuditFilters): Prisma.AuditEntryWhereInput {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actor_id === SYSTEM_ACTOR
      ? { actorType: "system" }
      : filters.actor_id
        ? { actorId: filters.actor_id }
        : {}),
    // Integrations are the target of every integration.* and messenger.* entry, deleted ones included.
    ...(filters.integration_id ? { targetType: "integration", targetId: filters.integration_id } : {}),
  };
}

/** Newest first, paged by `before` = the previous page's `next_before` (see keyset-cursor.ts). */
export async function listAuditEntries(options: {
  actor: Actor;
  orgId: string;
  limit: number;
  before?: TKeysetCursor;
  filters?: AuditFilters;
}): Promise<TAuditLogResponse> {
  assertOrgPermission(options.actor, options.orgId, "write");
  const rows = await db().auditEntry.findMany({
    where: {
      orgId: options.orgId,
      ...filtersWhere(options.filters ?? {}),
      ...(options.before ? (olderThan("createdAt", options.before) as Prisma.AuditEntryWhereInput) : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const { page, nextBefore } = keysetPage(rows, options.limit, (row) => row.createdAt);
  return {
    entries: page.map((row) => ({
      id: row.id,
      org_id: row.orgId,
      actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
      action: row.action,
      target: { type: row.targetType, id: row.targetId },
      changed_fields: row.changedFields,
      created_at: row.createdAt.toISOString(),
    })),
    next_before: nextBefore,
  };
}
