// GET /metrics — Prometheus text format for this instance (scrape each instance; see docs/operations.md,
// "Metrics"). Behind METRICS_TOKEN (bearer); 404 while it is unset. Not an API route: no session, no CORS.
import { errorResponse } from "@/lib/api/errors";
import { assertMetricsAccess } from "@/lib/metrics/metrics-access";
import { appMetrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    assertMetricsAccess(request);
    const { registry } = appMetrics();
    return new Response(await registry.metrics(), {
      headers: { "content-type": registry.contentType, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
