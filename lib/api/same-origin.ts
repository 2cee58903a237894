// Cookie-authenticated writes must come from our own pages: a cross-site form or fetch carries the cookie too.
// API keys are exempt (a browser never attaches them by itself).
import { configuredSetting } from "@/lib/config/server-env";
import { AppError } from "@/lib/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function ownOrigins(request: Request): Set<string> {
  const origins = new Set<string>();
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    origins.add(`${proto}://${host}`);
  }
  for (const configured of [configuredSetting("NEXTAUTH_URL"), configuredSetting("PUBLIC_BASE_URL")]) {
    if (configured) origins.add(new URL(configured).origin);
  }
  return origins;
}

export function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin) {
    if (!ownOrigins(request).has(origin)) throw new AppError("forbidden", "Cross-site request refused");
    return;
  }
  // No Origin: old browsers and non-browser clients. Fetch metadata still tells a cross-site browser request apart.
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("forbidden", "Cross-site request refused");
  }
}
