import type { NextConfig } from "next";
import { envSetting } from "./lib/config/server-env";
import {
  API_CONTENT_SECURITY_POLICY,
  ATTACHMENT_CONTENT_SECURITY_POLICY,
  STRICT_TRANSPORT_SECURITY,
} from "./lib/security/content-security-policy";

const nextConfig: NextConfig = {
  // Node-only packages used by server code: keep them out of the bundler.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-socket",
    "@prisma/schema-engine-wasm",
    "ioredis",
    "pino",
    "undici",
    "graphile-worker",
    "prom-client",
  ],
  poweredByHeader: false,
  // Lets a test run build into its own folder while a developer's `.next` stays untouched.
  distDir: envSetting("NEXT_DIST_DIR"),
  // The e2e build skips Next's own type check: `npm run typecheck` covers the same files, and a test build should
  // not depend on every other file in the tree type-checking mid-change.
  typescript: { ignoreBuildErrors: envSetting("NEXT_SKIP_TYPECHECK") === "1" },
  // Every response: not framed by another site (clickjacking), not sniffed into another type, https only once a
  // browser has seen it over https (production builds; `next dev` serves plain http). Pages get their nonce policy
  // from proxy.ts instead of the static one here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          // Lower-case on purpose: proxy.ts sets this same key for pages, so its policy replaces this one rather
          // than adding a second header (a browser would enforce both).
          { key: "content-security-policy", value: API_CONTENT_SECURITY_POLICY },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          ...(process.env.NODE_ENV === "production"
            ? [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }]
            : []),
        ],
      },
      {
        // Kept Messenger attachments get the sandbox policy instead. It must be set here: Next keeps a header these
        // rules already set over the one a route handler returns (send-response.ts appends only missing headers).
        source: "/organization-integration/:integration_id/attachments/:attachment_id",
        headers: [{ key: "content-security-policy", value: ATTACHMENT_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
