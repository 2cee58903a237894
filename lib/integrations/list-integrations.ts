import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { INTEGRATION_LIST_COLUMNS, toIntegrationListItem } from "./serialize-integration";

export async function listIntegrations(options: { actor: Actor; orgId: string; activeOnly?: boolean }) {
  assertOrgPermission(options.actor, options.orgId, "read");
  const rows = await db().integration.findMany({
    where: { orgId: options.orgId, ...(options.activeOnly ? { isActive: true } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: INTEGRATION_LIST_COLUMNS,
  });
  return rows.map(toIntegrationListItem);
}
