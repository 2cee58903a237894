// Mirrors the server's rule (lib/auth/actor.ts) so the page offers no button that would fail: revoking needs a role
// at least the key's. The server still decides.
import type { TApiKey, TRole } from "@/lib/validations/api-key-response";

const ROLE_RANK: Record<TRole, number> = { viewer: 1, admin: 2, owner: 3 };

export function canRevokeKey(myRole: TRole, keyRole: TRole): boolean {
  return ROLE_RANK[myRole] >= ROLE_RANK[keyRole];
}

export function creatorLabel(createdBy: TApiKey["created_by"]): string {
  if (!createdBy) return "—";
  if (createdBy.type === "user") return createdBy.email ?? "a former user";
  return createdBy.prefix ? `key ${createdBy.prefix}…` : "a deleted key";
}
