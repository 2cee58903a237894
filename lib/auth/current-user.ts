// The signed-in person of a page session and the organizations they belong to, for the UI's org switcher.
import { db } from "@/lib/db/prisma";
import { isSessionCurrent } from "./session-version";

/**
 * For the pages (lib/auth/current-session.server.ts): the person of a session with their organizations, in one query,
 * or null when they are gone or the session was revoked — the same rule lib/auth/authenticate.ts applies to the API.
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
