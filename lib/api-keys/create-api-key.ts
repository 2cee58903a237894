import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/api/errors";
import { toApiKeyView } from "./serialize-api-key";

/** Returns the key itself exactly once; only its hash is stored. */
export async function createApiKey(options: { actor: Actor; orgId: string; name: string; role: Role }) {
  const { actor, orgId, name, role } = options;
  const actorRole = assertOrgPermission(actor, orgId, "manage_keys");
  // Nobody hands out more power than they hold: admins cannot mint owner keys.
  if (role === "owner" && actorRole !== "owner") throw new AppError("forbidden", "Only owners can create owner keys");
  const { key, displayPrefix, keyHash } = generateApiKey();
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { orgId, name, role, prefix: displayPrefix, keyHash, createdBy: actor.kind === "user" ? actor.userId : null },
    });
    await recordAudit(tx, { actor, orgId, action: "api_key.created", targetType: "api_key", targetId: created.id, changedFields: ["name", "role"] });
    return created;
  });
  return { ...toApiKeyView(row), key };
}
