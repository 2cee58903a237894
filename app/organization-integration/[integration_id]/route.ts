import { integrationIdParam } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { getIntegration } from "@/lib/integrations/get-integration";

// Never cached, and said so: without it Next wraps the request in a Proxy that tracks every property read in case the
// answer could be prerendered — a measurable part of this small request's CPU (docs/performance.md).
export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, { actor, params }) => {
  return Response.json({ integration: await getIntegration({ actor, id: integrationIdParam(params) }) });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
