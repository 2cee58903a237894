import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listIntegrations } from "@/lib/integrations/list-integrations";
import { ZListIntegrationsQuery } from "@/lib/validations/integration";

export const GET = apiRoute(async (request, { actor }) => {
  const query = parseWith(ZListIntegrationsQuery, searchParamsObject(request));
  const integrations = await listIntegrations({
    actor,
    orgId: query.org_id,
    activeOnly: query.active_only,
    needsAttentionOnly: query.attention,
  });
  return Response.json({ integrations });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
