import { integrationIdParam, parseWith, readJson, searchParamsObject } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { listMessages } from "@/lib/messenger/list-messages";
import { sendMessage } from "@/lib/messenger/send-message";
import { ZListMessagesQuery, ZSendMessage } from "@/lib/validations/messenger";

export const GET = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const query = parseWith(ZListMessagesQuery, searchParamsObject(request));
  return Response.json(await listMessages({ actor, integrationId, ...query }));
});

export const POST = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const input = parseWith(ZSendMessage, await readJson(request));
  const sent = await sendMessage({ actor, integrationId, input });
  return Response.json({ message: "Message sent successfully", sent }, { status: 201 });
});

export const OPTIONS = OPTIONS_HANDLER;
