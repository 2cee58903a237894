// The members API as a client calls it, each endpoint's path written once: list, invite, accept (public: from a
// fresh client address unless told), revoke an invite, change a role, remove a member.
import type { Role } from "@/lib/generated/prisma/enums";
import { randomAddress } from "./auth-client";
import { callRoute } from "./call-route";
import { sessionOf } from "./member-keys";
import {
  acceptInviteRoute,
  inviteRoute,
  membersRoute,
  removeMemberRoute,
  revokeInviteRoute,
  updateMemberRoute,
} from "./routes";
import type { TestOrg } from "./seed";

type Headers = Record<string, string>;

export const PASSWORD = "a long enough password";
export const email = () => `invitee-${Math.random().toString(36).slice(2)}@example.test`;

/** A session of the org's member with that role, as a browser on our origin sends it. */
export const as = (org: TestOrg, role: Role) => sessionOf(org.userIds[role]);

const post = (route: { POST: Parameters<typeof callRoute>[0] }, path: string, body: unknown, headers: Headers) =>
  callRoute(route.POST, { method: "POST", path, body, headers });

export const list = (org: TestOrg, headers: Headers) =>
  callRoute(membersRoute.GET, { path: `/organization-members?org_id=${org.orgId}`, headers });
export const invite = (org: TestOrg, headers: Headers, body: { email: string; role: Role }, orgId = org.orgId) =>
  post(inviteRoute, "/invite-organization-member", { org_id: orgId, ...body }, headers);
export const accept = (body: { token: string; password: string; name?: string }, ip = randomAddress()) =>
  post(acceptInviteRoute, "/accept-organization-invite", body, { "x-forwarded-for": ip });
export const revokeInvite = (id: string, headers: Headers) =>
  post(revokeInviteRoute, "/revoke-organization-invite", { id }, headers);
export const updateMember = (org: TestOrg, headers: Headers, userId: string, role: Role, orgId = org.orgId) =>
  post(updateMemberRoute, "/update-organization-member", { org_id: orgId, user_id: userId, role }, headers);
export const removeMember = (org: TestOrg, headers: Headers, userId: string, orgId = org.orgId) =>
  post(removeMemberRoute, "/remove-organization-member", { org_id: orgId, user_id: userId }, headers);

/** The one-time token at the end of an invite link. */
export const tokenOf = (inviteUrl: string) => new URL(inviteUrl).pathname.split("/").at(-1)!;
