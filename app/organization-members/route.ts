import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { listMembers } from "@/lib/members/list-members";
import { ZOrgQuery } from "@/lib/validations/api-key";

export const GET = apiRoute(async (request, { actor }) => {
  const { org_id } = parseWith(ZOrgQuery, searchParamsObject(request));
  return Response.json(await listMembers({ actor, orgId: org_id }));
});

export const OPTIONS = OPTIONS_HANDLER;
