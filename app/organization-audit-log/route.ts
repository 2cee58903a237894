import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { listAuditEntries } from "@/lib/audit/list-audit-entries";
import { ZAuditLogQuery } from "@/lib/validations/api-key";

export const GET = apiRoute(async (request, { actor }) => {
  const query = parseWith(ZAuditLogQuery, searchParamsObject(request));
  return Response.json(await listAuditEntries({ actor, orgId: query.org_id, limit: query.limit, before: query.before }));
});

export const OPTIONS = OPTIONS_HANDLER;
