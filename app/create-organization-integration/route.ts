import { badRequest } from "@/lib/errors";
import { parseWith, readJson } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { createIntegration } from "@/lib/integrations/create-integration";
import { ZCreateIntegration } from "@/lib/validations/integration";

const REQUIRED_FIELDS = ["org_id", "integration_type", "name"] as const;

export const POST = apiRoute(async (request, { actor }) => {
  const body = await readJson(request);
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badRequest("Request body must be a JSON object");
  const fields = body as Record<string, unknown>;
  // The guide's exact sentence for the most common mistake, before the field-by-field validation.
  if (REQUIRED_FIELDS.some((field) => fields[field] == null || fields[field] === "")) {
    throw badRequest("org_id, integration_type, and name are required");
  }
  const integration = await createIntegration({ actor, input: parseWith(ZCreateIntegration, body) });
  return Response.json({ message: "Integration created successfully", integration }, { status: 201 });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
