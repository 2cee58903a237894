import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { ZRevokeApiKey } from "@/lib/validations/api-key";

export const POST = apiRoute(async (request, { actor }) => {
  const { id } = parseWith(ZRevokeApiKey, await readJson(request));
  return Response.json({ message: "API key revoked successfully", api_key: await revokeApiKey({ actor, id }) });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
