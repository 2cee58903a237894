import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { toggleIntegration } from "@/lib/integrations/toggle-integration";
import { ZToggleIntegration } from "@/lib/validations/integration";

export const POST = apiRoute(async (request, { actor }) => {
  const { id, active } = parseWith(ZToggleIntegration, await readJson(request));
  const integration = await toggleIntegration({ actor, id, active });
  const message = active ? "Integration activated successfully" : "Integration deactivated successfully";
  return Response.json({ message, integration });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
