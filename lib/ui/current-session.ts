// For server components: the signed-in person and their organizations, or a redirect to the sign-in page.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { loadSignedInUser } from "@/lib/auth/current-user";
import type { TOrgMembership } from "@/lib/validations/api-key-response";

export type SignedInUser = { userId: string; email: string; organizations: TOrgMembership[] };

export async function getSignedInUser(): Promise<SignedInUser | null> {
  const session = await getServerSession(authOptions());
  const sessionUser = session?.user as { id?: string; sessionVersion?: number } | undefined;
  if (!sessionUser?.id) return null;
  // Roles come from the database on every request, like the API: a removed member loses access at once; a revoked
  // session (signed out, password changed, removed) is no session.
  return loadSignedInUser({ userId: sessionUser.id, sessionVersion: sessionUser.sessionVersion });
}

export async function requireSignedInUser(returnTo: string): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
