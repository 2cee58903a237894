// The header policies without a server: the proxy's matcher against every route and page file of app/ (so a new
// API route or page cannot silently land on the wrong side), the proxy's own output, and next.config.ts's headers.
// The browser-level proof (nonces applied, nothing refused, injected script refused) is e2e/security-headers.spec.ts.
import { readdirSync } from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config as proxyConfig, proxy } from "@/proxy";
import {
  API_CONTENT_SECURITY_POLICY,
  createNonce,
  pageContentSecurityPolicy,
  STRICT_TRANSPORT_SECURITY,
} from "./content-security-policy";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const SAMPLE_ID = "0b6f2c58-3a1e-4c57-9d7e-2f4a1b9c8e71";

/** Every `route.ts` / `page.tsx` under app/, as a URL a request could have (route groups dropped, params filled). */
function appUrls(fileName: string): string[] {
  const urls: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const segment = entry.name.startsWith("(")
          ? null
          : entry.name.startsWith("[...")
            ? "session"
            : entry.name.startsWith("[")
              ? SAMPLE_ID
              : entry.name;
        walk(path.join(dir, entry.name), segment ? [...segments, segment] : segments);
      } else if (entry.name === fileName) {
        urls.push(`/${segments.join("/")}`);
      }
    }
  };
  walk(APP_DIR, []);
  return urls;
}

const runsProxy = (url: string, headers: Record<string, string> = {}) =>
  unstable_doesMiddlewareMatch({ config: proxyConfig, url, headers });

describe("proxy matcher", () => {
  it("skips every route handler: the API keeps its static headers and pays nothing for the proxy", () => {
    const routes = appUrls("route.ts");
    expect(routes).toEqual(
      expect.arrayContaining([
        "/webhook",
        "/me",
        "/healthz",
        "/metrics",
        "/openapi.json",
        "/api/auth/session",
        "/organization-integrations",
      ]),
    );
    expect(routes.filter((url) => runsProxy(url))).toEqual([]);
  });

  it("runs for every page, the 404 page and any URL that is not an API route", () => {
    const pages = appUrls("page.tsx");
    expect(pages).toEqual(
      expect.arrayContaining(["/", "/signin", `/orgs/${SAMPLE_ID}/integrations`, `/orgs/${SAMPLE_ID}/api-keys`]),
    );
    expect(pages.filter((url) => !runsProxy(url))).toEqual([]);
    for (const url of [
      "/no-such-page",
      "/members",
      "/meetings",
      "/metrics-help",
      "/webhooks-help",
      `/orgs/${SAMPLE_ID}/integrations/new?type=hubspot`,
    ])
      expect(runsProxy(url), url).toBe(true);
  });

  it("skips build assets and router prefetches", () => {
    for (const url of ["/_next/static/chunks/main.js", "/_next/image?url=%2Fx.png&w=64&q=75", "/favicon.ico"])
      expect(runsProxy(url), url).toBe(false);
    expect(runsProxy("/signin", { "next-router-prefetch": "1" })).toBe(false);
  });
});

describe("proxy", () => {
  it("gives each page request its own nonce, on the response and on the request Next renders from", () => {
    const policies = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const response = proxy(
        new NextRequest("http://localhost/signin", {
          headers: { "x-nonce": "chosen-by-client", "content-security-policy": "script-src *" },
        }),
      );
      const policy = response.headers.get("content-security-policy")!;
      const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
      expect(policy).toBe(pageContentSecurityPolicy({ nonce, isDevelopment: false }));
      // NextResponse.next({ request: { headers } }) hands the overridden request headers to Next this way.
      expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
      policies.add(policy);
    }
    expect(policies.size).toBe(20);
  });
});

describe("page policy", () => {
  it("allows only this origin and the nonce to run script, in production without eval or inline allowances", () => {
    expect(pageContentSecurityPolicy({ nonce: "TWFueSBub25jZXM=", isDevelopment: false })).toBe(
      "default-src 'self'; script-src 'self' 'nonce-TWFueSBub25jZXM='; style-src 'self' 'nonce-TWFueSBub25jZXM='; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
  });

  it("adds in development only what React's dev build and Next's overlay need", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc", isDevelopment: true });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'unsafe-eval';");
    expect(policy).toContain("style-src 'self' 'unsafe-inline';");
  });

  it("allows inline styles on the API reference only, its scripts still nonce-only", () => {
    const reference = proxy(new NextRequest("http://localhost/docs/api")).headers.get("content-security-policy")!;
    expect(reference).toMatch(/script-src 'self' 'nonce-[^']+';/);
    expect(reference).toContain("style-src 'self' 'unsafe-inline';");
    for (const page of ["/signin", "/docs/api/other", "/docs"]) {
      expect(proxy(new NextRequest(`http://localhost${page}`)).headers.get("content-security-policy"), page).toMatch(
        /style-src 'self' 'nonce-[^']+';/,
      );
    }
  });

  it("makes 128-bit nonces that do not repeat", () => {
    const nonces = Array.from({ length: 1000 }, createNonce);
    expect(new Set(nonces).size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("next.config.ts headers", () => {
  it("sends the static policy and the frame, sniffing and referrer headers on every response", async () => {
    for (const url of ["/organization-integrations", "/webhook", "/signin"]) {
      const response = await unstable_getResponseFromNextConfig({ url: `https://example.test${url}`, nextConfig });
      expect(response.headers.get("content-security-policy"), url).toBe(API_CONTENT_SECURITY_POLICY);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    }
  });

  it("sends Strict-Transport-Security from production builds only", async () => {
    const hstsWhen = async (nodeEnv: string) => {
      const previous = process.env.NODE_ENV;
      (process.env as Record<string, string>).NODE_ENV = nodeEnv;
      try {
        return (
          await unstable_getResponseFromNextConfig({ url: "https://example.test/signin", nextConfig })
        ).headers.get("strict-transport-security");
      } finally {
        (process.env as Record<string, string | undefined>).NODE_ENV = previous;
      }
    };
    expect(await hstsWhen("production")).toBe(STRICT_TRANSPORT_SECURITY);
    expect(await hstsWhen("development")).toBeNull();
  });
});
