import { integrationIdParam } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { resubscribePage } from "@/lib/messenger/resubscribe-page";

// "Subscribe again": subscribes the Facebook Page to the app's webhook now. Meta's refusal is a result
// (200, ok: false, with Meta's message), stored on the integration like the background job's.
export const POST = apiRoute(async (_request, { actor, params }) => {
  return Response.json(await resubscribePage({ actor, id: integrationIdParam(params) }));
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
