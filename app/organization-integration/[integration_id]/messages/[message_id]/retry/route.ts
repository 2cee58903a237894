import { badRequest } from "@/lib/errors";
import { integrationIdParam } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { retryMessage } from "@/lib/messenger/retry-message";
import { ZUuid } from "@/lib/validations/integration";

// A failed reply of this integration, sent again (write permission). 201 with the same answer as a new reply.
export const POST = apiRoute(async (_request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const messageId = ZUuid.safeParse(params.message_id);
  if (!messageId.success) throw badRequest("message_id must be a valid UUID");
  const { summary, sent } = await retryMessage({ actor, integrationId, messageId: messageId.data });
  return Response.json({ message: summary, sent }, { status: 201 });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
