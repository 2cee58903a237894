import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { ZOrgQuery } from "@/lib/validations/api-key";

export const GET = apiRoute(async (request, { actor }) => {
  const { org_id } = parseWith(ZOrgQuery, searchParamsObject(request));
  return Response.json({ api_keys: await listApiKeys({ actor, orgId: org_id }) });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
