// The caller's role in an organization as the database holds it now, read inside the caller's transaction with a
// share lock. The Actor was loaded when the request began; a member removed or a key revoked since then must not
// create or revoke keys, and the lock makes a concurrent removal or revocation wait for this transaction (or this
// one wait for it), so a key created "at the same moment" is always seen, and revoked, by the other side.
import { AppError } from "@/lib/errors";
import { assertOrgPermission, type Actor, type Permission } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export async function lockActorRole(
  tx: Prisma.TransactionClient,
  actor: Actor,
  orgId: string,
  permission: Permission,
): Promise<Role> {
  const rows =
    actor.kind === "user"
      ? await tx.$queryRaw<{ role: Role }[]>`
          SELECT role::text AS role FROM memberships WHERE user_id = ${actor.userId}::uuid AND org_id = ${orgId}::uuid FOR SHARE`
      : await tx.$queryRaw<{ role: Role }[]>`
          SELECT role::text AS role FROM api_keys
          WHERE id = ${actor.keyId}::uuid AND org_id = ${orgId}::uuid AND revoked_at IS NULL FOR SHARE`;
  const role = rows[0]?.role;
  if (!role) throw new AppError("forbidden", "You no longer have access to this organization");
  // The ordinary check again, with the role as it is now.
  const current: Actor = actor.kind === "user" ? { ...actor, roles: new Map([[orgId, role]]) } : { ...actor, role };
  return assertOrgPermission(current, orgId, permission);
}
