import type { ApiKey } from "@/lib/generated/prisma/client";

export function toApiKeyView(row: ApiKey) {
  return {
    id: row.id,
    org_id: row.orgId,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
