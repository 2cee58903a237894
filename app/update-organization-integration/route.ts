import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { updateIntegration } from "@/lib/integrations/update-integration";
import { ZUpdateIntegration } from "@/lib/validations/integration";

export const POST = apiRoute(async (request, { actor }) => {
  const input = parseWith(ZUpdateIntegration, await readJson(request));
  const integration = await updateIntegration({ actor, input });
  return Response.json({ message: "Integration updated successfully", integration });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
