// GET /healthz — public, for load balancers and orchestrators: 200 when this instance can reach its database,
// 503 otherwise (take it out of rotation). Never reveals why; the log has the details.
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/errors";
import { logger } from "@/lib/logging/logger";
import { isDatabaseReachable } from "./check-database";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(): Promise<Response> {
  if (await isDatabaseReachable()) return Response.json({ status: "ok", database: "ok" }, { headers: NO_STORE });
  logger.warn("healthz: database unreachable");
  const response = errorResponse(new AppError("unavailable", "Database unreachable"));
  response.headers.set("Cache-Control", "no-store");
  return response;
}
