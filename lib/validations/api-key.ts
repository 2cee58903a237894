import { z } from "zod";

export const ZRole = z.enum(["owner", "admin", "viewer"], { error: "role must be one of: owner, admin, viewer" });

export const ZCreateApiKey = z.strictObject({
  org_id: z.uuid({ error: "org_id must be a valid UUID" }),
  name: z.string().trim().min(1, "must not be empty").max(100),
  role: ZRole.default("admin"),
});
export type TCreateApiKey = z.input<typeof ZCreateApiKey>;

export const ZRevokeApiKey = z.strictObject({ id: z.uuid({ error: "id must be a valid UUID" }) });

export const ZOrgQuery = z.object({ org_id: z.uuid({ error: "org_id is required and must be a valid UUID" }) });
