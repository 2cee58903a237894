import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { createPasswordReset } from "@/lib/members/create-password-reset";
import { ZCreatePasswordReset } from "@/lib/validations/member";

export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZCreatePasswordReset, await readJson(request));
  return Response.json(await createPasswordReset({ actor, orgId: input.org_id, userId: input.user_id }), {
    status: 201,
  });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
