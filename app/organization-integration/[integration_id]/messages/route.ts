import { badRequest } from "@/lib/api/errors";
import { parseWith, readJson, searchParamsObject } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { listMessages } from "@/lib/messenger/list-messages";
import { sendMessage } from "@/lib/messenger/send-message";
import { ZUuid } from "@/lib/validations/integration";
import { ZListMessagesQuery, ZSendMessage } from "@/lib/validations/messenger";

function integrationIdFrom(params: Record<string, string>): string {
  const id = ZUuid.safeParse(params.integration_id);
  if (!id.success) throw badRequest("integration_id must be a valid UUID");
  return id.data;
}

export const GET = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdFrom(params);
  const query = parseWith(ZListMessagesQuery, searchParamsObject(request));
  return Response.json(await listMessages({ actor, integrationId, ...query }));
});

export const POST = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdFrom(params);
  const input = parseWith(ZSendMessage, await readJson(request));
  const sent = await sendMessage({ actor, integrationId, input });
  return Response.json({ message: "Message sent successfully", sent }, { status: 201 });
});

export const OPTIONS = OPTIONS_HANDLER;
