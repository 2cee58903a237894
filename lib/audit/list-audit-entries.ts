import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";

/** Newest first; page with `before` = the last entry's created_at (keyset pagination: stable while entries arrive). */
export async function listAuditEntries(options: { actor: Actor; orgId: string; limit: number; before?: string }) {
  assertOrgPermission(options.actor, options.orgId, "write");
  const rows = await db().auditEntry.findMany({
    where: { orgId: options.orgId, ...(options.before ? { createdAt: { lt: new Date(options.before) } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
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
    next_before: rows.length > options.limit ? page.at(-1)!.createdAt.toISOString() : null,
  };
}
