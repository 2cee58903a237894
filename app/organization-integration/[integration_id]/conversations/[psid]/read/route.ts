import { integrationIdParam, parseWith } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { markConversationRead } from "@/lib/messenger/mark-conversation-read";
import { ZPsidParam } from "@/lib/validations/messenger";

export const POST = apiRoute(async (_request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const psid = parseWith(ZPsidParam, params.psid);
  return Response.json(await markConversationRead({ actor, integrationId, psid }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
