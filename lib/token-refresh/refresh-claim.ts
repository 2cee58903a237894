// Single flight across every caller and every app instance: a refresh first claims the integration's row by setting
// refresh_started_at (one UPDATE, so two claimants cannot both win), and gives it back when done. A claim older
// than the lease is taken over: its process died mid-refresh. The lease covers the longest refresh (token call,
// then introspection or the Page token call, each bounded by PROVIDER_TIMEOUT_MS).
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";

export function refreshLeaseMs(): number {
  return 3 * serverEnv().PROVIDER_TIMEOUT_MS + 5_000;
}

/** The claim's timestamp when this caller won it, null when another refresh holds it. */
export async function claimRefresh(integrationId: string): Promise<Date | null> {
  const rows = await db().$queryRaw<{ refresh_started_at: Date }[]>`
    UPDATE integrations SET refresh_started_at = now()
    WHERE id = ${integrationId}::uuid
      AND (refresh_started_at IS NULL OR refresh_started_at < now() - ${refreshLeaseMs()}::int * interval '1 millisecond')
    RETURNING refresh_started_at`;
  return rows[0]?.refresh_started_at ?? null;
}

/** Gives the claim back (only ours: a claim taken over after our lease ran out belongs to someone else). */
export async function releaseRefresh(integrationId: string, claimedAt: Date, options: { isFailure?: boolean } = {}) {
  await db().integration.updateMany({
    where: { id: integrationId, refreshStartedAt: claimedAt },
    data: { refreshStartedAt: null, ...(options.isFailure ? { refreshFailures: { increment: 1 } } : {}) },
  });
}
