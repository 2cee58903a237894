import { redirect } from "next/navigation";
import { isSetupPending } from "@/lib/orgs/first-run-setup";
import { getSignedInUser } from "@/lib/auth/current-session.server";

export const dynamic = "force-dynamic";

// Signed-in people land on their first organization's integrations; everyone else signs in.
export default async function HomePage({ searchParams }: { searchParams: Promise<{ oauth_error?: string }> }) {
  const user = await getSignedInUser();
  if (!user) redirect((await isSetupPending()) ? "/setup" : "/signin");
  const firstOrg = user.organizations[0];
  if (!firstOrg) {
    return (
      <main id="main" className="mx-auto max-w-xl p-8">
        <h1 className="text-2xl font-semibold">No organization yet</h1>
        <p className="mt-2 text-slate-700">
          You are signed in as {user.email}, but you are not a member of any organization. Ask an owner to add you.
        </p>
      </main>
    );
  }
  // A "Connect" that came back with an answer we could not trust (no org to return to) lands on the start page.
  const { oauth_error: oauthError } = await searchParams;
  if (oauthError) redirect(`/orgs/${firstOrg.id}/integrations/new?oauth_error=${encodeURIComponent(oauthError)}`);
  redirect(`/orgs/${firstOrg.id}/integrations`);
}
