// Adds a person to an existing organization with a role (scripted set-up, e2e seeding). Creates the user when the
// email is new; an existing member gets the new role through changeMemberRole, so a demotion revokes their keys
// above the new role and the last owner cannot be demoted.
import { AppError } from "@/lib/errors";
import { createUser, normalizeEmail, prepareNewUser, requirePasswordFlag } from "@/lib/auth/new-user";
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeMemberRole } from "./change-member-role";

export type AddMemberInput = { orgId: string; email: string; password?: string; role: Role };

const SCRIPT_ACTOR = { kind: "system", label: "org:add-member" } as const;

export async function addMember(input: AddMemberInput) {
  const email = normalizeEmail(input.email);
  const org = await db().organization.findUnique({ where: { id: input.orgId } });
  if (!org) throw new AppError("not_found", "Organization not found");
  const existing = await db().user.findUnique({ where: { email } });
  const newUser = existing ? null : await prepareNewUser({ email, password: requirePasswordFlag(input.password) });
  const membership =
    existing && (await db().membership.findUnique({ where: { userId_orgId: { userId: existing.id, orgId: org.id } } }));
  if (existing && membership) {
    await changeMemberRole({ actor: SCRIPT_ACTOR, orgId: org.id, userId: existing.id, role: input.role });
    return { org_id: org.id, user_id: existing.id, role: input.role };
  }
  return db().$transaction(async (tx) => {
    const user = existing ?? (await createUser(tx, newUser!));
    // create, not upsert: a membership added meanwhile must go through changeMemberRole, not be overwritten (409).
    await tx.membership.create({ data: { userId: user.id, orgId: org.id, role: input.role } });
    return { org_id: org.id, user_id: user.id, role: input.role };
  });
}
