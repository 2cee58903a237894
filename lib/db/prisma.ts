// The one Prisma client. The database is chosen here and only here: DATABASE_URL, which the launcher sets to the
// embedded PGlite's socket when the user did not set one.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { envSetting } from "@/lib/config/server-env";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createPrismaClient() {
  const connectionString = envSetting("DATABASE_URL");
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set: start the app with `npm run dev` / `npm start`, which provide one.");
  }
  // Our own pool handed to the adapter (which then ends it on disconnect), so /metrics can read its usage.
  const pool = new pg.Pool({ connectionString, max: envSetting("DATABASE_POOL_MAX"), connectionTimeoutMillis: 10_000 });
  globalForPrisma.pool = pool;
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

/** Created on first use (not at import), so `next build` and tests can import modules without a database. */
export function db(): PrismaClient {
  // Kept on globalThis so Next's dev hot reload does not open a new pool on every edit.
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}

/** Connections of this process's pool (for /metrics); null before the first query. */
export function databasePoolStats(): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = globalForPrisma.pool;
  if (!pool) return null;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

export type { PrismaClient };
