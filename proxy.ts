// Gives every HTML page its own Content-Security-Policy nonce (Next's documented pattern): Next reads the nonce from
// the request's CSP header and applies it to the scripts and styles it renders; the browser gets the same policy.
// Everything the matcher skips keeps the static headers of next.config.ts, API routes included: they are never
// redirected here and pay nothing for the proxy.
import { NextResponse, type NextRequest } from "next/server";
import {
  createNonce,
  pageContentSecurityPolicy,
  PAGES_WITH_INLINE_STYLES,
} from "@/lib/security/content-security-policy";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = pageContentSecurityPolicy({
    nonce,
    isDevelopment: process.env.NODE_ENV === "development",
    allowsInlineStyles: PAGES_WITH_INLINE_STYLES.has(request.nextUrl.pathname),
  });
  // Replaces whatever a client sent under these names: only the server chooses the nonce.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. Skipped: build assets, and the JSON API, whose routes all live at the root under these names
      // (lib/security/proxy-matcher.test.ts checks every route file against this list). A route missing from it
      // would only get the page policy, which is just as strict for JSON.
      source:
        "/((?!_next/static|_next/image|favicon\\.ico$|api/|webhook$|healthz$|metrics$|me$|openapi\\.json$|docs/api/reference\\.js$|first-run-setup$|change-password$|(?:create|complete)-password-reset$|(?:[a-z]+-)?organization-).*)",
      // Router prefetches are not documents, so they need no policy of their own.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
