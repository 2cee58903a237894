// For server components: the signed-in person and their organizations, or a redirect to the sign-in page.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { describeActor } from "@/lib/auth/current-user";
import type { TOrgMembership } from "./api-types";

export type SignedInUser = { userId: string; email: string; organizations: TOrgMembership[] };

export async function getSignedInUser(): Promise<SignedInUser | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const email = session?.user?.email ?? "";
  // Roles come from the database on every request, like the API: a removed member loses access at once.
  const described = await describeActor({ kind: "user", userId, email, roles: new Map() });
  return { userId, email, organizations: described.organizations };
}

export async function requireSignedInUser(returnTo: string): Promise<SignedInUser> {
  const user = await getSignedInUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
