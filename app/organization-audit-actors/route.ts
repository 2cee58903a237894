import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { listAuditActors } from "@/lib/audit/list-audit-actors";
import { ZOrgQuery } from "@/lib/validations/api-key";

export const GET = apiRoute(async (request, { actor }) => {
  const query = parseWith(ZOrgQuery, searchParamsObject(request));
  return Response.json(await listAuditActors({ actor, orgId: query.org_id }));
});

export const OPTIONS = OPTIONS_HANDLER;
