import { integrationIdParam } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { checkConnection } from "@/lib/connections/check-connection";

// "Test connection": one harmless authenticated call to the provider. A refusal is a result (200, ok: false).
export const POST = apiRoute(async (_request, { actor, params }) => {
  return Response.json(await checkConnection({ actor, id: integrationIdParam(params) }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
