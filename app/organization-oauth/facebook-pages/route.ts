import { parseWith, searchParamsObject } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { listFacebookPagesForPick, ZFacebookPagesQuery } from "@/lib/oauth/facebook-page-connect";

// The Page picker of a Facebook sign-in: the Pages it manages (ids and names, never their tokens).
export const GET = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZFacebookPagesQuery, searchParamsObject(request));
  return Response.json(await listFacebookPagesForPick({ actor, input }), { headers: { "cache-control": "no-store" } });
});
