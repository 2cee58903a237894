// Response shapes of members, invites, first-run setup and passwords: what lib/members/serialize-member.ts and the
// handlers are typed by, what /openapi.json and the typed client describe, and what the members page reads.
import { z } from "zod";
import { ZRole } from "./api-key";
import { named, ZIsoDateTime } from "./api-schemas";

export const ZMember = named(
  z.strictObject({
    user_id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: ZRole,
    created_at: ZIsoDateTime,
  }),
  { id: "Member", description: "A member of the organization and their role" },
);
export type TMember = z.infer<typeof ZMember>;

export const ZInvite = named(
  z.strictObject({ id: z.uuid(), email: z.string(), role: ZRole, expires_at: ZIsoDateTime }),
  { id: "Invite", description: "A pending invite (never its token)" },
);
export type TInvite = z.infer<typeof ZInvite>;

export const ZMemberListResponse = named(z.strictObject({ members: z.array(ZMember), invites: z.array(ZInvite) }), {
  id: "MemberList",
  description: "Members (oldest first) and pending invites (newest first)",
});
export type TMemberListResponse = z.infer<typeof ZMemberListResponse>;

export const ZInviteMemberResponse = named(z.strictObject({ invite: ZInvite, invite_url: z.string() }), {
  id: "InviteMemberResponse",
  description: "The invite and its one-time link (valid 7 days, in this response only)",
});
export type TInviteMemberResponse = z.infer<typeof ZInviteMemberResponse>;

export const ZAcceptInviteResponse = named(
  z.strictObject({ message: z.string(), org_id: z.uuid(), user_id: z.uuid(), email: z.string(), role: ZRole }),
  { id: "AcceptInviteResponse", description: "The membership the invite created; the browser signs in next" },
);
export type TAcceptInviteResponse = z.infer<typeof ZAcceptInviteResponse>;

export const ZMemberChange = named(
  z.strictObject({ org_id: z.uuid(), user_id: z.uuid(), revoked_api_keys: z.number().int(), role: ZRole.optional() }),
  {
    id: "MemberChange",
    description: "Whose membership changed, and how many API keys they created were revoked with it",
  },
);
export const ZMemberChangeResponse = named(z.strictObject({ message: z.string(), member: ZMemberChange }), {
  id: "MemberChangeResponse",
});

export const ZRevokeInviteResponse = named(z.strictObject({ message: z.string(), invite: ZInvite }), {
  id: "RevokeInviteResponse",
});

export const ZFirstRunSetupResponse = named(
  z.strictObject({ message: z.string(), org_id: z.uuid(), user_id: z.uuid(), email: z.string() }),
  { id: "FirstRunSetupResponse", description: "The first organization and its owner; the browser signs in next" },
);
export type TFirstRunSetupResponse = z.infer<typeof ZFirstRunSetupResponse>;

export const ZPasswordChangedResponse = named(z.strictObject({ message: z.string(), email: z.string() }), {
  id: "PasswordChangedResponse",
  description: "Whose password changed; their sessions ended",
});

export const ZPasswordResetResponse = named(
  z.strictObject({ user_id: z.uuid(), reset_url: z.string(), expires_at: ZIsoDateTime }),
  { id: "PasswordResetResponse", description: "A one-time reset link (valid 24 hours, in this response only)" },
);
export type TPasswordResetResponse = z.infer<typeof ZPasswordResetResponse>;
