import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { needsAttentionSql } from "./attention";
import { toIntegrationListItem } from "./serialize-integration";

type ListRow = Parameters<typeof toIntegrationListItem>[0];

// The list reads only the columns it returns (INTEGRATION_LIST_COLUMNS), with the timestamps formatted by PostgreSQL
// exactly as Date#toISOString() would: for 1,000 rows, Prisma's row mapping and 2,000 Date objects (whose constructor
// Next wraps) were more than half of the request's CPU (docs/performance.md).
export async function listIntegrations(options: {
  actor: Actor;
  orgId: string;
  activeOnly?: boolean;
  needsAttentionOnly?: boolean;
}) {
  assertOrgPermission(options.actor, options.orgId, "read");
  const rows = await db().$queryRaw<ListRow[]>`
    SELECT id, org_id AS "orgId", integration_type::text AS "integrationType", name, is_active AS "isActive",
           api_base_url AS "apiBaseUrl", webhook_url AS "webhookUrl", needs_reauth AS "needsReauth",
           token_expires_at AS "tokenExpiresAt", refresh_started_at AS "refreshStartedAt",
           to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
           to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
    FROM integrations
    WHERE org_id = ${options.orgId}::uuid ${options.activeOnly ? Prisma.sql`AND is_active` : Prisma.empty}
      ${options.needsAttentionOnly ? Prisma.sql`AND ${needsAttentionSql()}` : Prisma.empty}
    ORDER BY created_at DESC, id ASC`;
  return rows.map(toIntegrationListItem);
}
