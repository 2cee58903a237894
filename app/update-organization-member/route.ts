import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { changeMemberRole } from "@/lib/orgs/change-member-role";
import { ZUpdateMember } from "@/lib/validations/member";

export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZUpdateMember, await readJson(request));
  const changed = await changeMemberRole({ actor, orgId: input.org_id, userId: input.user_id, role: input.role });
  return Response.json({ message: "Role changed", member: changed });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
