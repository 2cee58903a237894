import { badRequest } from "@/lib/api/errors";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { testConnection } from "@/lib/connections/test-connection";
import { ZUuid } from "@/lib/validations/integration";

// "Test connection": one harmless authenticated call to the provider. A refusal is a result (200, ok: false).
export const POST = apiRoute(async (_request, { actor, params }) => {
  const id = ZUuid.safeParse(params.integration_id);
  if (!id.success) throw badRequest("integration_id must be a valid UUID");
  return Response.json(await testConnection({ actor, id: id.data }));
});

export const OPTIONS = OPTIONS_HANDLER;
