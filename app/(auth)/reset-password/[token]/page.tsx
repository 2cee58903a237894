import { ResetPasswordForm } from "@/components/account/reset-password-form";
import { AuthCard } from "@/components/setup/auth-card";
import { findOpenPasswordReset } from "@/lib/auth/complete-password-reset";
import { oneTimeLinkMetadata, oneTimeLinkPage } from "../../one-time-link";

export const metadata = oneTimeLinkMetadata("Set a new password");
export const dynamic = "force-dynamic";

// The one-time link an owner issued; the form's POST /complete-password-reset uses it up.
export default oneTimeLinkPage(
  findOpenPasswordReset,
  {
    title: "This link does not work",
    intro:
      "It was already used, replaced by a newer one, or has expired. Ask an owner of your organization for a new one.",
  },
  (reset, token) => (
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
  ),
);
