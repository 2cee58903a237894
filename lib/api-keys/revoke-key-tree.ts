// Revoking a key also revokes the keys it created, and theirs: a leaked owner key's children die with it.
import type { Actor } from "@/lib/auth/actor";
import { forgetApiKeys } from "@/lib/auth/api-key-cache";
import { recordAudits, type SystemActor } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";

type RevokeKeyTreeOptions = { actor: Actor | SystemActor; orgId: string; rootIds: string[] };

/** Returns the ids revoked by this call (keys already revoked are skipped but their descendants still followed). */
export async function revokeKeyTree(tx: Prisma.TransactionClient, options: RevokeKeyTreeOptions): Promise<string[]> {
  const { actor, orgId } = options;
  const revokedAt = new Date();
  const seen = new Set<string>();
  const revokedIds: string[] = [];
  let level = options.rootIds;
  // Level by level, each level revoked before its children are read: a key being used to create a child holds a
  // share lock on itself (lock-actor-role.ts), so the update waits for that child to be committed and the next read
  // sees it; a creation that starts after the update finds its parent revoked and is refused.
  while (level.length > 0) {
    for (const id of level) seen.add(id);
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { orgId, id: { in: level }, revokedAt: null },
      data: { revokedAt },
      select: { id: true },
    });
    // This instance stops honouring them now; others within the cache's bound (lib/auth/api-key-cache.ts).
    forgetApiKeys(revoked.map((key) => key.id));
    await recordAudits(
      tx,
      { actor, action: "api_key.revoked", targetType: "api_key", changedFields: ["revoked_at"] },
      revoked.map(({ id }) => ({ orgId, targetId: id })),
    );
    revokedIds.push(...revoked.map(({ id }) => id));
    const children = await tx.apiKey.findMany({
      where: { orgId, createdByKeyId: { in: level } },
      select: { id: true },
    });
    level = children.map((child) => child.id).filter((id) => !seen.has(id));
  }
  // Invites made with these keys die with them: a leaked key's links must not outlive its revocation.
  await tx.organizationInvite.updateMany({
    where: { orgId, createdByKeyId: { in: [...seen] }, acceptedAt: null, revokedAt: null },
    data: { revokedAt },
  });
  return revokedIds;
}
