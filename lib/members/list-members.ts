// An organization's members and its pending invites (not accepted, revoked or expired), for every member of it.
import { assertOrgPermission, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";
import { serializeInvite, serializeMember } from "./serialize-member";

export async function listMembers(options: { actor: Actor; orgId: string }) {
  const { actor, orgId } = options;
  assertOrgPermission(actor, orgId, "read");
  const [members, invites] = await Promise.all([
    db().membership.findMany({
      where: { orgId },
      include: { user: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db().organizationInvite.findMany({
      where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return { members: members.map(serializeMember), invites: invites.map(serializeInvite) };
}
