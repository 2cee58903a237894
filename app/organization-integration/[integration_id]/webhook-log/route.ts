import { integrationIdParam, parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listWebhookDeliveries } from "@/lib/messenger/list-webhook-log";
import { ZWebhookLogQuery } from "@/lib/validations/messenger";

export const GET = apiRoute(async (request, { actor, params }) => {
  const id = integrationIdParam(params);
  const { limit } = parseWith(ZWebhookLogQuery, searchParamsObject(request));
  return Response.json(await listWebhookDeliveries({ actor, integrationId: id, limit }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
