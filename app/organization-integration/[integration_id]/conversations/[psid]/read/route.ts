import { integrationIdParam, parseWith } from "@/lib/api/parse";
import { apiRoute, OPTIONS_HANDLER } from "@/lib/api/route";
import { markConversationRead } from "@/lib/messenger/mark-conversation-read";
import { ZPsidParam } from "@/lib/validations/messenger";

export const POST = apiRoute(async (_request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const psid = parseWith(ZPsidParam, params.psid);
  return Response.json(await markConversationRead({ actor, integrationId, psid }));
});

export const OPTIONS = OPTIONS_HANDLER;
