import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { deleteIntegration } from "@/lib/integrations/delete-integration";
import { ZDeleteIntegration } from "@/lib/validations/integration";

export const POST = apiRoute(async (request, { actor }) => {
  const { id } = parseWith(ZDeleteIntegration, await readJson(request));
  await deleteIntegration({ actor, id });
  return Response.json({ message: "Integration deleted successfully" });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
