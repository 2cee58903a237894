import { assertOrgPermission, assertRoleAtLeast, createdByFields, type Actor } from "@/lib/auth/actor";
import { generateApiKey } from "@/lib/auth/api-key-format";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { describeCreators } from "./describe-creators";
import { lockActorRole } from "./lock-actor-role";
import { toApiKeyView } from "./serialize-api-key";

/** Returns the key itself exactly once; only its hash is stored. People (in a session) and owner keys create keys;
 *  the key records who: the person, or the key (so revoking that key revokes this one too). */
export async function createApiKey(options: { actor: Actor; orgId: string; name: string; role: Role }) {
  const { actor, orgId, name, role } = options;
  assertOrgPermission(actor, orgId, "manage_keys");
  const { key, displayPrefix, keyHash } = generateApiKey();
  const row = await db().$transaction(async (tx) => {
    const actorRole = await lockActorRole(tx, actor, orgId, "manage_keys");
    // Nobody hands out more power than they hold: admins cannot mint owner keys.
    assertRoleAtLeast(actorRole, role, `Only ${role}s can create ${role} keys`);
    const created = await tx.apiKey.create({
      data: {
        orgId,
        name,
        role,
        prefix: displayPrefix,
        keyHash,
        ...createdByFields(actor),
      },
    });
    await recordAudit(tx, {
      actor,
      orgId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      changedFields: ["name", "role"],
    });
    return created;
  });
  const creators = await describeCreators([row]);
  return { ...toApiKeyView(row, creators), key };
}
