import { assertResourcePermission, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { toApiKeyView } from "./serialize-api-key";

export async function revokeApiKey(options: { actor: Actor; id: string }) {
  const { actor, id } = options;
  const row = await db().$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id } });
    if (!key) throw notFound("API key");
    assertResourcePermission(actor, key.orgId, "manage_keys", "API key");
    if (key.revokedAt) return key;
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actor, orgId: key.orgId, action: "api_key.revoked", targetType: "api_key", targetId: id, changedFields: ["revoked_at"] });
    return revoked;
  });
  return toApiKeyView(row);
}
