import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { startOAuth, ZStartOAuth } from "@/lib/oauth/start-oauth";

// "Connect with …" / "Reconnect": answers the provider's sign-in address for the browser to open.
export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZStartOAuth, await readJson(request));
  return Response.json(await startOAuth({ actor, input }), { headers: { "cache-control": "no-store" } });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
