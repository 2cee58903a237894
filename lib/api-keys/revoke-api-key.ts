import { assertResourcePermission, assertRoleAtLeast, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db } from "@/lib/db/prisma";
import { describeCreators } from "./describe-creators";
import { lockActorRole } from "./lock-actor-role";
import { revokeKeyTree } from "./revoke-key-tree";
import { toApiKeyView } from "./serialize-api-key";

/** Revokes the key and every key it created, transitively. Needs a role at least the key's (admins cannot revoke
 *  an owner's keys). Revoking a revoked key changes nothing and answers the same. */
export async function revokeApiKey(options: { actor: Actor; id: string }) {
  const { actor, id } = options;
  const row = await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id } });
    if (!key) throw notFound("API key");
    assertResourcePermission(actor, key.orgId, "manage_keys", "API key");
    const actorRole = await lockActorRole(tx, actor, key.orgId, "manage_keys");
    assertRoleAtLeast(actorRole, key.role, `Only ${key.role}s can revoke ${key.role} keys`);
    await revokeKeyTree(tx, { actor, orgId: key.orgId, rootIds: [id] });
    return tx.apiKey.findUniqueOrThrow({ where: { id } });
  });
  return toApiKeyView(row, await describeCreators([row]));
}
