import { badRequest } from "@/lib/api/errors";
import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { listWebhookDeliveries } from "@/lib/messenger/list-webhook-log";
import { ZUuid } from "@/lib/validations/integration";
import { ZWebhookLogQuery } from "@/lib/validations/messenger";

export const GET = apiRoute(async (request, { actor, params }) => {
  const id = ZUuid.safeParse(params.integration_id);
  if (!id.success) throw badRequest("integration_id must be a valid UUID");
  const { limit } = parseWith(ZWebhookLogQuery, searchParamsObject(request));
  return Response.json(await listWebhookDeliveries({ actor, integrationId: id.data, limit }));
});

export const OPTIONS = OPTIONS_HANDLER;
