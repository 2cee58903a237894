import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listAuditActors } from "@/lib/audit/list-audit-actors";
import { ZOrgQuery } from "@/lib/validations/api-key";

export const GET = apiRoute(async (request, { actor }) => {
  const query = parseWith(ZOrgQuery, searchParamsObject(request));
  return Response.json(await listAuditActors({ actor, orgId: query.org_id }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
