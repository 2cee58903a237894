// The signed-in person and the organizations they belong to, for the UI's org switcher and `GET /me`.
import type { Actor } from "./actor";
import { db } from "@/lib/db/prisma";

export async function describeActor(actor: Actor) {
  if (actor.kind === "api_key") {
    const org = await db().organization.findUnique({ where: { id: actor.orgId } });
    return { kind: "api_key" as const, user: null, organizations: org ? [{ id: org.id, name: org.name, role: actor.role }] : [] };
  }
  const memberships = await db().membership.findMany({
    where: { userId: actor.userId },
    include: { org: true },
    orderBy: { createdAt: "asc" },
  });
  return {
    kind: "user" as const,
    user: { id: actor.userId, email: actor.email },
    organizations: memberships.map((m) => ({ id: m.org.id, name: m.org.name, role: m.role })),
  };
}
