import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { AuthCard } from "@/components/setup/auth-card";
import { buttonClass } from "@/components/ui/styles";
import { findOpenPasswordReset } from "@/lib/auth/complete-password-reset";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

// The one-time link an owner issued. Opening it changes nothing; the form's POST /complete-password-reset uses it up.
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findOpenPasswordReset(decodeURIComponent(token));
  if (!reset) {
    return (
      <AuthCard title="This link does not work" intro="It was already used, replaced by a newer one, or has expired. Ask an owner of your organization for a new one.">
        <Link href="/signin" className={`${buttonClass.secondary} mt-6 w-full`}>Go to sign-in</Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Set a new password" intro={<>For <strong className="break-all">{reset.email}</strong>. Every session of this account is signed out.</>}>
      <ResetPasswordForm token={token} email={reset.email} />
    </AuthCard>
  );
}
