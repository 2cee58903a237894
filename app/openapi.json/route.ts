import { openApiDocument } from "@/lib/api/openapi";
import { serverEnv } from "@/lib/config/server-env";

// Public: the description of the API holds nothing secret, and external frontends read it before they have a key.
export function GET() {
  return Response.json(openApiDocument(serverEnv().PUBLIC_BASE_URL));
}
