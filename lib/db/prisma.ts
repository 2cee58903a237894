// The one Prisma client. The database is chosen here and only here: DATABASE_URL, which the launcher sets to the
// embedded PGlite's socket when the user did not set one.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createPrismaClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` / `npm start`, which provide one.");
  }
  const adapter = new PrismaPg({
    connectionString,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    connectionTimeoutMillis: 10_000,
  });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** Created on first use (not at import), so `next build` and tests can import modules without a database. */
export function db(): PrismaClient {
  // Kept on globalThis so Next's dev hot reload does not open a new pool on every edit.
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}

export type { PrismaClient };
