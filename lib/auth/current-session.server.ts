// For server components: the signed-in person and their organizations, or a redirect to the sign-in page.
// Server only (it reads the session cookie and the database): the `.server` suffix says so. (Next would honour
// `import "server-only"`, but tsc and vitest resolve imports and the package is not a dependency.)
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/auth-options";
import { loadSignedInUser } from "@/lib/auth/current-user";
import type { TOrgMembership } from "@/lib/validations/api-key-response";

export type SignedInUser = { userId: string; email: string; organizations: TOrgMembership[] };

// Once per request: the layout and the page both ask.
export const getSignedInUser = cache(async function getSignedInUser(): Promise<SignedInUser | null> {
  const session = await getServerSession(authOptions());
  const sessionUser = session?.user as { id?: string; sessionVersion?: number } | undefined;
  if (!sessionUser?.id) return null;
  // Roles come from the database on every request, like the API: a removed member loses access at once; a revoked
  // session (signed out, password changed, removed) is no session.
  return loadSignedInUser({ userId: sessionUser.id, sessionVersion: sessionUser.sessionVersion });
});

export async function requireSignedInUser(returnTo: string): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The person as the services see them, for a server component that reads data directly (same rules as the API). */
export function actorOf(user: SignedInUser): Actor {
  return {
    kind: "user",
    userId: user.userId,
    email: user.email,
    roles: new Map(user.organizations.map((org) => [org.id, org.role])),
  };
}
