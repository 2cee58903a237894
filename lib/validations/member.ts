// Members, invites, first-run setup and passwords: one zod module for the handlers, the forms and the OpenAPI document.
import { z } from "zod";
import { ZRole } from "./api-key";
import { ZExistingPassword, ZNewPassword } from "./password";

const ZId = (name: string) => z.uuid({ error: `${name} must be a valid UUID` });
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "email must be a valid email address" }).max(320));
const ZPersonName = z.string().trim().max(100, "name must have at most 100 characters");
// One-time tokens are `oiv_…` (invites) or `oir_…` (password resets) + 43 base64url characters.
const ZOneTimeToken = z.string({ error: "token is required" }).min(1, "token is required").max(200);

export const ZFirstRunSetup = z.strictObject({
  organization_name: z.string().trim().min(1, "organization_name must not be empty").max(100),
  email: ZEmail,
  password: ZNewPassword,
  name: ZPersonName.optional(),
});

export const ZInviteMember = z.strictObject({ org_id: ZId("org_id"), email: ZEmail, role: ZRole });
export const ZAcceptInvite = z.strictObject({
  token: ZOneTimeToken,
  password: ZExistingPassword,
  name: ZPersonName.optional(),
});
export const ZUpdateMember = z.strictObject({ org_id: ZId("org_id"), user_id: ZId("user_id"), role: ZRole });
export const ZRemoveMember = z.strictObject({ org_id: ZId("org_id"), user_id: ZId("user_id") });
export const ZRevokeInvite = z.strictObject({ id: ZId("id") });

export const ZChangePassword = z.strictObject({ current_password: ZExistingPassword, new_password: ZNewPassword });
export const ZCreatePasswordReset = z.strictObject({ org_id: ZId("org_id"), user_id: ZId("user_id") });
export const ZCompletePasswordReset = z.strictObject({ token: ZOneTimeToken, password: ZNewPassword });
