import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { ZAuditLogQuery } from "@/lib/validations/audit-log";

export const GET = apiRoute(async (request, { actor }) => {
  const { org_id, limit, before, ...filters } = parseWith(ZAuditLogQuery, searchParamsObject(request));
  return Response.json(await listAuditEntries({ actor, orgId: org_id, limit, before, filters }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
