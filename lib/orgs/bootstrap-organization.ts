// First organization on a fresh install (and scripted set-up): the org, its owner, and an owner API key.
import { generateApiKey } from "@/lib/auth/api-key-format";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

export type BootstrapInput = { name: string; email: string; password?: string };

export async function bootstrapOrganization(input: BootstrapInput) {
  const email = input.email.trim().toLowerCase();
  const existing = await db().user.findUnique({ where: { email } });
  if (!existing && (!input.password || input.password.length < MIN_PASSWORD_LENGTH)) {
    throw new AppError("bad_request", `A new user needs --password of at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // Hash outside the transaction: it is the slow part, and PGlite runs one transaction at a time.
  const passwordHash = existing ? null : await hashPassword(input.password!);
  const { key, displayPrefix, keyHash } = generateApiKey();
  return db().$transaction(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { email, passwordHash: passwordHash! } }));
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
