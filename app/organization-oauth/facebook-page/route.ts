import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { connectFacebookPage, ZConnectFacebookPage } from "@/lib/oauth/facebook-page-connect";

// The chosen Page: its token is stored on a new integration (or the reconnected one) and the Page subscribed.
export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZConnectFacebookPage, await readJson(request));
  return Response.json(await connectFacebookPage({ actor, input }));
});
