// Members, invites, first-run setup and passwords in the OpenAPI document (lib/api/openapi.ts spreads these in),
// described from the same zod schemas the handlers validate with.
import { z } from "zod";
import { ZOrgQuery } from "@/lib/validations/api-key";
import {
  ZAcceptInvite, ZChangePassword, ZCompletePasswordReset, ZCreatePasswordReset, ZFirstRunSetup, ZInviteMember, ZRemoveMember,
  ZRevokeInvite, ZUpdateMember,
} from "@/lib/validations/member";

const jsonSchema = (schema: z.ZodType) => {
  const described = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete described.$schema;
  return described;
};
const errorBody = { "application/json": { schema: { type: "object", properties: { error: { type: "string" } }, required: ["error"] } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { description: "Error", content: errorBody }]));
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: jsonSchema(schema) } } });
const isPublic = { security: [] };

export function memberOpenApiPaths() {
  const orgQuery = jsonSchema(ZOrgQuery) as { properties: Record<string, object> };
  return {
    "/organization-members": {
      get: {
        summary: "Members and pending invites of an organization (any member)",
        parameters: [{ name: "org_id", in: "query", required: true, schema: orgQuery.properties.org_id }],
        responses: { 200: ok("{ members: [{ user_id, email, name, role, created_at }], invites: [{ id, email, role, expires_at }] }"), ...errors(400, 401, 403) },
      },
    },
    "/invite-organization-member": {
      post: { summary: "Invite someone (owners any role, admins admin or viewer); invite_url is a one-time link valid 7 days, shown once", requestBody: body(ZInviteMember), responses: { 201: ok("{ invite, invite_url }"), ...errors(400, 401, 403, 409) } },
    },
    "/accept-organization-invite": {
      post: { ...isPublic, summary: "Accept an invite (public, single use, rate-limited); an existing user gives their own password", requestBody: body(ZAcceptInvite), responses: { 200: ok("{ org_id, user_id, email, role }"), ...errors(400, 404, 409, 429) } },
    },
    "/update-organization-member": {
      post: { summary: "Change a member's role (admins cannot touch owners; the last owner stays)", requestBody: body(ZUpdateMember), responses: { 200: ok("{ message, member }"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/remove-organization-member": {
      post: { summary: "Remove a member: their sessions end and the keys they created are revoked", requestBody: body(ZRemoveMember), responses: { 200: ok("{ message, member }"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/revoke-organization-invite": {
      post: { summary: "Withdraw a pending invite", requestBody: body(ZRevokeInvite), responses: { 200: ok("{ message, invite }"), ...errors(400, 401, 403, 404, 409) } },
    },
    "/first-run-setup": {
      post: { ...isPublic, summary: "Create the first organization and its owner; 409 once any user exists", requestBody: body(ZFirstRunSetup), responses: { 201: ok("{ org_id, user_id, email }"), ...errors(400, 409) } },
    },
    "/change-password": {
      post: { summary: "Change your own password (session only); every session of yours ends", requestBody: body(ZChangePassword), responses: { 200: ok("{ message, email }"), ...errors(400, 401, 403, 409, 429) } },
    },
    "/create-password-reset": {
      post: { summary: "A one-time password-reset link for a member (owners; valid 24 h, shown once)", requestBody: body(ZCreatePasswordReset), responses: { 201: ok("{ user_id, reset_url, expires_at }"), ...errors(400, 401, 403, 404) } },
    },
    "/complete-password-reset": {
      post: { ...isPublic, summary: "Set a new password with a reset link (public, single use, rate-limited)", requestBody: body(ZCompletePasswordReset), responses: { 200: ok("{ message, email }"), ...errors(400, 404, 429) } },
    },
  };
}
