import { integrationIdParam, parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listMessages } from "@/lib/messenger/list-messages";
import { findReplyIntegration, sendMessage } from "@/lib/messenger/send-message";
import { readSendInput } from "@/lib/api/read-send-input";
import { ZListMessagesQuery } from "@/lib/validations/messenger";

export const GET = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const query = parseWith(ZListMessagesQuery, searchParamsObject(request));
  return Response.json(await listMessages({ actor, integrationId, ...query }));
});

// JSON {recipient_id, text, tag?}, or multipart/form-data with a file (up to 25 MB). 201 whatever Meta answered: the
// reply is stored, and `sent.status` says sent, failed (with Meta's code and a sentence) or pending (retry scheduled).
export const POST = apiRoute(async (request, { actor, params }) => {
  const integration = await findReplyIntegration({ actor, integrationId: integrationIdParam(params) });
  const { input, file } = await readSendInput(request);
  const { summary, sent, messages } = await sendMessage({ actor, integration, input, file });
  return Response.json({ message: summary, sent, ...(messages.length > 1 ? { messages } : {}) }, { status: 201 });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
