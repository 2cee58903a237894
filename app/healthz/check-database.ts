// The database check behind GET /healthz: one round trip, bounded in time so a load balancer's probe gets an
// answer (503) quickly even when the database hangs instead of refusing connections.
import { db } from "@/lib/db/prisma";

export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

export async function isDatabaseReachable(timeoutMs = DATABASE_CHECK_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = db().$queryRaw`SELECT 1`.then(() => true).catch(() => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
