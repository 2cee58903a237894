import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Node-only packages used by server code: keep them out of the bundler.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "ioredis", "pino"],
  poweredByHeader: false,
  // Lets a test run build into its own folder while a developer's `.next` stays untouched.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // The e2e build skips Next's own type check: `npm run typecheck` covers the same files, and a test build should
  // not depend on every other file in the tree type-checking mid-change.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === "1" },
  // The admin UI must not be framed by another site (clickjacking), nor responses sniffed into another type.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
