import { integrationIdParam, parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listConversations } from "@/lib/messenger/list-conversations";
import { ZListConversationsQuery } from "@/lib/validations/messenger";

export const GET = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const query = parseWith(ZListConversationsQuery, searchParamsObject(request));
  return Response.json(await listConversations({ actor, integrationId, ...query }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
