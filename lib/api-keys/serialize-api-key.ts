import type { ApiKey } from "@/lib/generated/prisma/client";
import type { TApiKey, TApiKeyCreator } from "@/lib/validations/api-key-response";

/** `creators` from describeCreators(); a key made by a script before creators were recorded has `created_by: null`. */
export function toApiKeyView(row: ApiKey, creators: ReadonlyMap<string, TApiKeyCreator> = new Map()): TApiKey {
  return {
    id: row.id,
    org_id: row.orgId,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    created_by: creators.get(row.id) ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
