import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { AuthCard, UsedUpLinkCard } from "@/components/setup/auth-card";
import { findOpenPasswordReset } from "@/lib/auth/complete-password-reset";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

// The one-time link an owner issued. Opening it changes nothing; the form's POST /complete-password-reset uses it up.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findOpenPasswordReset(decodeURIComponent(token));
  if (!reset) {
    return (
      <UsedUpLinkCard
        title="This link does not work"
        intro="It was already used, replaced by a newer one, or has expired. Ask an owner of your organization for a new one."
      />
    );
  }
  return (
    <AuthCard
      title="Set a new password"
      intro={
        <>
          For <strong className="break-all">{reset.email}</strong>. Every session of this account is signed out.
        </>
      }
    >
      <ResetPasswordForm token={token} email={reset.email} />
    </AuthCard>
  );
}
