// CORS for external frontends: only origins listed in CORS_ALLOWED_ORIGINS, none by default. Browsers send API keys
// from those origins; cookies are never accepted cross-origin (see same-origin.ts), so credentials are not allowed.
import { serverEnv } from "@/lib/config/server-env";

const ALLOWED_HEADERS = "Authorization, Content-Type";
const ALLOWED_METHODS = "GET, POST, OPTIONS";

function allowedOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  return origin && serverEnv().corsAllowedOrigins.includes(origin) ? origin : null;
}

export function withCors(request: Request, response: Response): Response {
  const origin = allowedOrigin(request);
  if (origin) {
    response.headers.set("Access-Control-Allow-Origin", origin);
    response.headers.append("Vary", "Origin");
  }
  return response;
}

export function corsPreflight(request: Request): Response {
  const origin = allowedOrigin(request);
  if (!origin) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": origin,
      "Access-Control-Allow-Methods": ALLOWED_METHODS,
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": "600",
      Vary: "Origin",
    },
  });
}
