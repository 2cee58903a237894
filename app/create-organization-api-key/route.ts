import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { ZCreateApiKey } from "@/lib/validations/api-key";

export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZCreateApiKey, await readJson(request));
  const apiKey = await createApiKey({ actor, orgId: input.org_id, name: input.name, role: input.role });
  return Response.json(
    { message: "API key created successfully. Copy it now: it is not shown again.", api_key: apiKey },
    { status: 201 },
  );
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
