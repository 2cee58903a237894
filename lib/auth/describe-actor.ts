// `GET /me`: who is calling (a person or an API key) and the organizations they can act in.
import type { Actor } from "./actor";
import { db } from "@/lib/db/prisma";
import type { TMeResponse } from "@/lib/validations/api-key-response";

export async function describeActor(actor: Actor): Promise<TMeResponse> {
  if (actor.kind === "api_key") {
    const org = await db().organization.findUnique({ where: { id: actor.orgId } });
    return {
      kind: "api_key" as const,
      user: null,
      organizations: org ? [{ id: org.id, name: org.name, role: actor.role }] : [],
    };
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
