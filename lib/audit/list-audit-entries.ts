import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { z } from "zod";
import { badRequest } from "@/lib/api/errors";
import { ZStorableDateTime } from "@/lib/validations/date-time";
import { db } from "@/lib/db/prisma";

/**
 * Newest first. Keyset pagination: `before` is the previous page's `next_before` (`<created_at>_<id>`), stable while
 * new entries arrive; the id breaks ties between entries written in the same millisecond.
 */
export async function listAuditEntries(options: { actor: Actor; orgId: string; limit: number; before?: string }) {
  assertOrgPermission(options.actor, options.orgId, "write");
  const cursor = options.before ? parseCursor(options.before) : null;
  const rows = await db().auditEntry.findMany({
    where: {
      orgId: options.orgId,
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
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
    next_before: rows.length > options.limit ? `${page.at(-1)!.createdAt.toISOString()}_${page.at(-1)!.id}` : null,
  };
}

const ZAuditCursor = z.string().transform((value, context) => {
  const [createdAt, id, ...rest] = value.split("_");
  const date = ZStorableDateTime.safeParse(createdAt);
  const isValidId = id === undefined || z.uuid().safeParse(id).success;
  if (!date.success || !isValidId || rest.length) {
    context.addIssue({ code: "custom", message: "before must be a date-time or a next_before value from a previous page" });
    return z.NEVER;
  }
  // A bare date-time is accepted too: everything strictly older than it.
  return { createdAt: new Date(date.data), id: id ?? "00000000-0000-0000-0000-000000000000" };
});

function parseCursor(before: string) {
  const cursor = ZAuditCursor.safeParse(before);
  if (!cursor.success) throw badRequest(cursor.error.issues[0].message);
  return cursor.data;
}
