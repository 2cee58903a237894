// The signed-in person and the organizations they belong to, for the UI's org switcher and `GET /me`.
import type { Actor } from "./actor";
import { db } from "@/lib/db/prisma";
import type { TMeResponse } from "@/lib/validations/api-key-response";
import { isSessionCurrent } from "./session-version";

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

/**
 * For the pages (lib/auth/current-session.server.ts): the person of a session with their organizations, in one query, or null
 * when they are gone or the session was revoked — the same rule lib/auth/authenticate.ts applies to the API.
 */
export async function loadSignedInUser(input: { userId: string; sessionVersion: unknown }) {
  const user = await db().user.findUnique({
    where: { id: input.userId },
    include: { memberships: { include: { org: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user || !isSessionCurrent(input.sessionVersion, user)) return null;
  return {
    userId: user.id,
    email: user.email,
    organizations: user.memberships.map((m) => ({ id: m.org.id, name: m.org.name, role: m.role })),
  };
}
