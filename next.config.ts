import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Node-only packages used by server code: keep them out of the bundler.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "ioredis", "pino"],
  poweredByHeader: false,
  // Lets a test run build into its own folder while a developer's `.next` stays untouched.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
