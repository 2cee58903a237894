import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requireSignedInUser } from "@/lib/auth/current-session.server";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const user = await requireSignedInUser(`/orgs/${orgId}/account`);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Account</h1>
        <p className="mt-1 text-sm break-all text-slate-700">Signed in as {user.email}.</p>
      </div>
      <ChangePasswordForm email={user.email} />
    </div>
  );
}
