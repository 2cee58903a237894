import { AcceptInviteForm } from "@/components/members/accept-invite-form";
import { AuthCard } from "@/components/setup/auth-card";
import { findOpenInvite } from "@/lib/members/accept-invite";
import { fullDate } from "@/lib/ui/format";
import { oneTimeLinkMetadata, oneTimeLinkPage } from "../../one-time-link";

export const metadata = oneTimeLinkMetadata("Join an organization");
export const dynamic = "force-dynamic";

// The one-time link an invite gives; the form's POST /accept-organization-invite uses it up.
export default oneTimeLinkPage(
  findOpenInvite,
  {
    title: "This invite link does not work",
    intro: "It was already used, was withdrawn, or has expired. Ask the person who invited you for a new link.",
  },
  (invite, token) => (
    <AuthCard
      title={`Join ${invite.orgName}`}
      intro={
        <>
          You are invited as <strong>{invite.role}</strong>. This link works once, until{" "}
          {fullDate(invite.expiresAt.toISOString())}.
        </>
      }
    >
      <AcceptInviteForm token={token} email={invite.email} hasAccount={invite.hasAccount} />
    </AuthCard>
  ),
);
