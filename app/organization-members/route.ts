import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listMembers } from "@/lib/members/list-members";
import { ZOrgQuery } from "@/lib/validations/api-key";

export const GET = apiRoute(async (request, { actor }) => {
  const { org_id } = parseWith(ZOrgQuery, searchParamsObject(request));
  return Response.json(await listMembers({ actor, orgId: org_id }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
