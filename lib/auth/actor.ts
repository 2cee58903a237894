// Who is calling, and what they may do in an organization. Every service takes an Actor and asks here.
import { AppError, notFound } from "@/lib/api/errors";
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
  return role;
}

/**
 * For requests that name a resource by id: a stranger gets the same 404 as for a missing id, so ids of other
 * organizations cannot be probed; a member without the role gets 403.
 */
export function assertResourcePermission(actor: Actor, orgId: string, permission: Permission, what = "Integration") {
  if (!roleIn(actor, orgId)) throw notFound(what);
  return assertOrgPermission(actor, orgId, permission);
}

export function actorAuditFields(actor: Actor) {
  return actor.kind === "user"
    ? { actorType: "user", actorId: actor.userId, actorLabel: actor.email }
    : { actorType: "api_key", actorId: actor.keyId, actorLabel: actor.label };
}
