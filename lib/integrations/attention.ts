// Which integrations need someone to act: the navigation's badge counts them and the list's ?attention=1 shows them.
// The rule is one SQL condition, so the count is one query however many integrations there are, and the badge and
// the filtered list cannot disagree.
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * An active integration needs attention when (each is what its detail page warns about):
 * - its credentials were refused (needs_reauth: a check or a Send API call got "invalid token");
 * - its last "test connection" failed;
 * - it stored events without a signature check, or accepts unsigned deliveries (webhook warnings);
 * - Meta refused to subscribe its Page to the webhook.
 * An inactive integration is out of use: deactivating one is how an admin sets it aside.
 * A new reason is one more line here (e.g. when the list's status.needs_reauth gains siblings).
 */
export function needsAttentionSql(): Prisma.Sql {
  return Prisma.sql`(is_active AND (
    needs_reauth
    OR last_check_ok = false
    OR has_unverified_events
    OR (config ->> 'accept_unsigned_events') = 'true'
    OR subscription_status = 'failed'
  ))`;
}

export async function countIntegrationsNeedingAttention(options: { actor: Actor; orgId: string }) {
  assertOrgPermission(options.actor, options.orgId, "read");
  const [row] = await db().$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM integrations WHERE org_id = ${options.orgId}::uuid AND ${needsAttentionSql()}`;
  return { count: row?.count ?? 0 };
}
