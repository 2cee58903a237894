// Adds a person to an existing organization with a role (scripted set-up, e2e seeding). Creates the user when the
// email is new; an existing member gets the new role.
import { AppError } from "@/lib/api/errors";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";

export type AddMemberInput = { orgId: string; email: string; password?: string; role: Role };

export async function addMember(input: AddMemberInput) {
  const email = input.email.trim().toLowerCase();
  const org = await db().organization.findUnique({ where: { id: input.orgId } });
  if (!org) throw new AppError("not_found", "Organization not found");
  const existing = await db().user.findUnique({ where: { email } });
  if (!existing && (!input.password || input.password.length < MIN_PASSWORD_LENGTH)) {
    throw new AppError("bad_request", `A new user needs --password of at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // Hash outside the transaction: it is the slow part, and PGlite runs one transaction at a time.
  const passwordHash = existing ? null : await hashPassword(input.password!);
  return db().$transaction(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { email, passwordHash: passwordHash! } }));
    await tx.membership.upsert({
      where: { userId_orgId: { userId: user.id, orgId: org.id } },
      create: { userId: user.id, orgId: org.id, role: input.role },
      update: { role: input.role },
    });
    return { org_id: org.id, user_id: user.id, role: input.role };
  });
}
