// The only shapes members and invites leave the server in: allow-listed fields, never a token or its hash.
import type { TInvite, TMember } from "@/lib/validations/member-response";
import type { Role } from "@/lib/generated/prisma/enums";

export function serializeMember(row: {
  role: Role;
  createdAt: Date;
  user: { id: string; email: string; name: string | null };
}): TMember {
  return {
    user_id: row.user.id,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    created_at: row.createdAt.toISOString(),
  };
}

export function serializeInvite(row: { id: string; email: string; role: Role; expiresAt: Date }): TInvite {
  return { id: row.id, email: row.email, role: row.role, expires_at: row.expiresAt.toISOString() };
}
