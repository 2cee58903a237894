// Who is calling, and what they may do in an organization. Every service takes an Actor and asks here.
import { AppError, notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export type Actor =
  | { kind: "user"; userId: string; email: string; roles: ReadonlyMap<string, Role> }
  | { kind: "api_key"; keyId: string; orgId: string; role: Role; label: string };

export type Permission = "read" | "write" | "manage_keys";

const allowedRoles: Record<Permission, readonly Role[]> = {
  read: ["owner", "admin", "viewer"],
  write: ["owner", "admin"],
  manage_keys: ["owner", "admin"],
};

// A key that may mint keys outlives its own revocation through the keys it made; so only people (in a session) and
// owner keys manage keys, and revoking a key revokes everything it created.
const apiKeyRolesForKeyManagement: readonly Role[] = ["owner"];

const ROLE_RANK: Record<Role, number> = { viewer: 1, admin: 2, owner: 3 };

export function isRoleAbove(role: Role, other: Role): boolean {
  return ROLE_RANK[role] > ROLE_RANK[other];
}

/** Every role strictly above `role` (owner > admin > viewer). */
export function rolesAbove(role: Role): Role[] {
  return (Object.keys(ROLE_RANK) as Role[]).filter((candidate) => isRoleAbove(candidate, role));
}

export function roleIn(actor: Actor, orgId: string): Role | null {
  if (actor.kind === "api_key") return actor.orgId === orgId ? actor.role : null;
  return actor.roles.get(orgId) ?? null;
}

/**
 * For requests that name an organization (list, create): a stranger gets 403, a member without the role gets 403.
 */
export function assertOrgPermission(actor: Actor, orgId: string, permission: Permission): Role {
  const role = roleIn(actor, orgId);
  if (!role) throw new AppError("forbidden", "You do not have access to this organization");
  if (!allowedRoles[permission].includes(role)) {
    throw new AppError("forbidden", `Your role (${role}) does not allow this action`);
  }
  if (permission === "manage_keys" && actor.kind === "api_key" && !apiKeyRolesForKeyManagement.includes(role)) {
    throw new AppError("forbidden", "Only owner API keys can manage API keys; admins manage keys signed in");
  }
  return role;
}

/** Nobody hands out, takes away or revokes more power than they hold. */
export function assertRoleAtLeast(actorRole: Role, needed: Role, message: string) {
  if (isRoleAbove(needed, actorRole)) throw new AppError("forbidden", message);
}

/**
 * For requests that name a resource by id: a stranger gets the same 404 as for a missing id, so ids of other
 * organizations cannot be probed; a member without the role gets 403.
 */
export function assertResourcePermission(actor: Actor, orgId: string, permission: Permission, what = "Integration") {
  if (!roleIn(actor, orgId)) throw notFound(what);
  return assertOrgPermission(actor, orgId, permission);
}

/** Who created a row (an API key, an invite): the person, or the key — revoking that key revokes what it made. */
export function createdByFields(actor: Actor) {
  return {
    createdBy: actor.kind === "user" ? actor.userId : null,
    createdByKeyId: actor.kind === "api_key" ? actor.keyId : null,
  };
}

export function actorAuditFields(actor: Actor) {
  return actor.kind === "user"
    ? { actorType: "user", actorId: actor.userId, actorLabel: actor.email }
    : { actorType: "api_key", actorId: actor.keyId, actorLabel: actor.label };
}
