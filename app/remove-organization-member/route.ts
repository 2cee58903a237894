import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { removeMember } from "@/lib/orgs/remove-member";
import { ZRemoveMember } from "@/lib/validations/member";

export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZRemoveMember, await readJson(request));
  const removed = await removeMember({ actor, orgId: input.org_id, userId: input.user_id });
  return Response.json({ message: "Member removed", member: removed });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
