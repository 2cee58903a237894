import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";

type ActorRow = { type: string; id: string | null; label: string | null };

// Enough for any real team; a log with more distinct actors still filters by actor_id through the API.
const MAX_ACTORS = 500;

/**
 * Everyone who appears in the organization's audit log — people, API keys (revoked ones too) and scripts — with the
 * label of their latest entry, for the audit page's actor filter. One query: a person's current membership does
 * not matter here, their past actions stay in the log.
 */
export async function listAuditActors(options: { actor: Actor; orgId: string }) {
  assertOrgPermission(options.actor, options.orgId, "write");
  const rows = await db().$queryRaw<ActorRow[]>`
    SELECT type, id, label FROM (
      SELECT DISTINCT ON (actor_type, coalesce(actor_id, actor_label))
             actor_type AS type, actor_id AS id, actor_label AS label
      FROM audit_entries
      WHERE org_id = ${options.orgId}::uuid
      ORDER BY actor_type, coalesce(actor_id, actor_label), created_at DESC
    ) AS actors
    ORDER BY type, label
    LIMIT ${MAX_ACTORS}`;
  return {
    actors: rows.map((row) => ({ type: row.type, id: row.type === "system" ? null : row.id, label: row.label })),
  };
}
