import { integrationIdParam } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { getIntegration } from "@/lib/integrations/get-integration";

export const GET = apiRoute(async (_request, { actor, params }) => {
  return Response.json({ integration: await getIntegration({ actor, id: integrationIdParam(params) }) });
});

export const OPTIONS = OPTIONS_HANDLER;
