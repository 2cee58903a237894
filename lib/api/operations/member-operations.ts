// Members and invites, first-run setup and passwords.
import { ZOrgQuery } from "@/lib/validations/api-key";
import {
  ZAcceptInvite,
  ZChangePassword,
  ZCompletePasswordReset,
  ZCreatePasswordReset,
  ZFirstRunSetup,
  ZInviteMember,
  ZRemoveMember,
  ZRevokeInvite,
  ZUpdateMember,
} from "@/lib/validations/member";
import {
  ZAcceptInviteResponse,
  ZFirstRunSetupResponse,
  ZInviteMemberResponse,
  ZMemberChangeResponse,
  ZMemberListResponse,
  ZPasswordChangedResponse,
  ZPasswordResetResponse,
  ZRevokeInviteResponse,
} from "@/lib/validations/member-response";
import { operationsTagged, type TApiOperation } from "./define-operation";

const members = operationsTagged("Members");

export const memberOperations: TApiOperation[] = [
  members.getWithQuery(
    "/organization-members",
    "listMembers",
    ZOrgQuery,
    ZMemberListResponse,
    "Members and pending invites of an organization (any member)",
  ),
  members.post(
    "/invite-organization-member",
    "inviteMember",
    {
      body: ZInviteMember,
      responses: { 201: ZInviteMemberResponse },
      errors: [400, 409],
      bodyExample: { org_id: "3f7cda9c-a6f2-4475-8b1e-77a51f4e0a6b", email: "ada@example.com", role: "viewer" },
    },
    "Invite someone (owners any role, admins admin or viewer); invite_url is a one-time link valid 7 days, shown once",
  ),
  members.post(
    "/accept-organization-invite",
    "acceptInvite",
    { isPublic: true, body: ZAcceptInvite, responses: { 200: ZAcceptInviteResponse }, errors: [400, 404, 409, 429] },
    "Accept an invite (public, single use, rate-limited); an existing user gives their own password",
  ),
  members.post(
    "/update-organization-member",
    "updateMember",
    { body: ZUpdateMember, responses: { 200: ZMemberChangeResponse }, errors: [400, 404, 409] },
    "Change a member's role (admins cannot touch owners; the last owner stays)",
  ),
  members.post(
    "/remove-organization-member",
    "removeMember",
    { body: ZRemoveMember, responses: { 200: ZMemberChangeResponse }, errors: [400, 404, 409] },
    "Remove a member: their sessions end and the keys they created are revoked",
  ),
  members.post(
    "/revoke-organization-invite",
    "revokeInvite",
    { body: ZRevokeInvite, responses: { 200: ZRevokeInviteResponse }, errors: [400, 404, 409] },
    "Withdraw a pending invite",
  ),
  members.post(
    "/first-run-setup",
    "firstRunSetup",
    { isPublic: true, body: ZFirstRunSetup, responses: { 201: ZFirstRunSetupResponse }, errors: [400, 409] },
    "Create the first organization and its owner; 409 once any user exists",
  ),
  operationsTagged("Account").post(
    "/change-password",
    "changePassword",
    { body: ZChangePassword, responses: { 200: ZPasswordChangedResponse }, errors: [400, 409] },
    "Change your own password (session only); every session of yours ends",
  ),
  members.post(
    "/create-password-reset",
    "createPasswordReset",
    { body: ZCreatePasswordReset, responses: { 201: ZPasswordResetResponse }, errors: [400, 404] },
    "A one-time password-reset link for a member (owners; valid 24 h, shown once)",
  ),
  members.post(
    "/complete-password-reset",
    "completePasswordReset",
    {
      isPublic: true,
      body: ZCompletePasswordReset,
      responses: { 200: ZPasswordChangedResponse },
      errors: [400, 404, 429],
    },
    "Set a new password with a reset link (public, single use, rate-limited)",
  ),
];
