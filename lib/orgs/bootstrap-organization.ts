// First organization on a fresh install (and scripted set-up): the org, its owner, and an owner API key.
import { generateApiKey } from "@/lib/auth/api-key-format";
import { createUser, normalizeEmail, prepareNewUser, requirePasswordFlag } from "@/lib/auth/new-user";
import { db } from "@/lib/db/prisma";

export type BootstrapInput = { name: string; email: string; password?: string };

export async function bootstrapOrganization(input: BootstrapInput) {
  const email = normalizeEmail(input.email);
  const existing = await db().user.findUnique({ where: { email } });
  const newUser = existing ? null : await prepareNewUser({ email, password: requirePasswordFlag(input.password) });
  const { key, displayPrefix, keyHash } = generateApiKey();
  return db().$transaction(async (tx) => {
    const user = existing ?? (await createUser(tx, newUser!));
    const org = await tx.organization.create({ data: { name: input.name.trim() } });
    await tx.membership.create({ data: { userId: user.id, orgId: org.id, role: "owner" } });
    const apiKey = await tx.apiKey.create({
      data: { orgId: org.id, name: "Bootstrap key", role: "owner", prefix: displayPrefix, keyHash, createdBy: user.id },
    });
    await tx.auditEntry.create({
      data: {
        orgId: org.id,
        actorType: "system",
        actorLabel: "org:create",
        action: "api_key.created",
        targetType: "api_key",
        targetId: apiKey.id,
        changedFields: ["name", "role"],
      },
    });
    return { org_id: org.id, user_id: user.id, api_key: key };
  });
}
