import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { isSetupPending } from "@/lib/orgs/first-run-setup";
import { getSignedInUser } from "@/lib/auth/current-session.server";
import { safeReturnPath } from "@/lib/ui/safe-return-path";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getSignedInUser()) redirect(returnTo);
  // A fresh install has nobody to sign in: every page leads here, and from here to the first-run setup.
  if (await isSetupPending()) redirect("/setup");
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold text-slate-900">Sign in to Org Integrations</h1>
        <p className="mt-1 text-sm text-slate-700">Use the email and password of your account.</p>
        <SignInForm returnTo={returnTo} />
      </div>
    </main>
  );
}
