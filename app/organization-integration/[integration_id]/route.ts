import { badRequest } from "@/lib/api/errors";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { getIntegration } from "@/lib/integrations/get-integration";
import { ZUuid } from "@/lib/validations/integration";

export const GET = apiRoute(async (_request, { actor, params }) => {
  const id = ZUuid.safeParse(params.integration_id);
  if (!id.success) throw badRequest("integration_id must be a valid UUID");
  return Response.json({ integration: await getIntegration({ actor, id: id.data }) });
});

export const OPTIONS = OPTIONS_HANDLER;
