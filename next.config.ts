import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Node-only packages used by server code: keep them out of the bundler.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "ioredis"],
  poweredByHeader: false,
};

export default nextConfig;
