// The background sweep, on the job engine inside every app instance: every TOKEN_REFRESH_INTERVAL_MS one sweep job
// (a single pending job under one job key, however many instances add it) lists the tokens due and adds one refresh
// job per token (job key per integration: one pending job per token). Each refresh job claims its row
// (refresh-claim.ts), so even two jobs for one token make one call to the provider.
import { z } from "zod";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDefinition } from "@/lib/jobs/job-registry";
import { logger } from "@/lib/logging/logger";
import { isBackingOff, isRefreshDue } from "./refresh-due";
import { refreshIntegrationToken } from "./refresh-integration-token";

export const SWEEP_JOB = "token-refresh.sweep";
export const REFRESH_JOB = "token-refresh.refresh";
const refreshJobKey = (integrationId: string) => `${REFRESH_JOB}:${integrationId}`;

/** Adds the next sweep unless one is already waiting (keeps its time): called at start and after each sweep. */
export async function scheduleTokenSweep(options: { runAt?: Date } = {}): Promise<void> {
  const runAt = options.runAt ?? new Date(Date.now() + serverEnv().TOKEN_REFRESH_INTERVAL_MS);
  await enqueueJob(db(), SWEEP_JOB, {}, { jobKey: SWEEP_JOB, jobKeyMode: "preserve_run_at", runAt });
}

/** Queues a refresh for every token due now (of one organization, when given); answers how many. */
export async function sweepTokens(options: { now?: Date; orgId?: string } = {}): Promise<number> {
  const now = options.now ?? new Date();
  // Only rows that could need a refresh are read: with a refresh token, or with an expiry (Facebook's exchange).
  const candidates = await db().integration.findMany({
    where: {
      needsReauth: false,
      ...(options.orgId ? { orgId: options.orgId } : {}),
      OR: [{ refreshToken: { not: null } }, { tokenExpiresAt: { not: null } }],
    },
  });
  const due = candidates.filter((integration) => isRefreshDue(integration, now) && !isBackingOff(integration, now));
  for (const { id } of due) {
    await enqueueJob(
      db(),
      REFRESH_JOB,
      { integrationId: id },
      { jobKey: refreshJobKey(id), jobKeyMode: "preserve_run_at" },
    );
  }
  if (due.length) logger.info({ due: due.length }, "token refresh sweep queued refreshes");
  return due.length;
}

const ZSweepPayload = z.object({});
export const tokenSweepJob: JobDefinition<typeof ZSweepPayload> = {
  payload: ZSweepPayload,
  maxAttempts: 1,
  async run() {
    try {
      await sweepTokens();
    } finally {
      // The chain goes on even after a failed sweep (the next one tries again).
      await scheduleTokenSweep();
    }
  },
};

const ZRefreshPayload = z.object({ integrationId: z.uuid() });
export const tokenRefreshJob: JobDefinition<typeof ZRefreshPayload> = {
  payload: ZRefreshPayload,
  // A transient failure is retried with backoff (≈ e^attempt s); the next sweeps add it again if still due.
  maxAttempts: 4,
  async run({ integrationId }) {
    const result = await refreshIntegrationToken({
      integrationId,
      trigger: "sweep",
      isStillNeeded: (row) => isRefreshDue(row),
    }).catch((error) => {
      if ((error as { code?: string }).code === "not_found") return null; // deleted meanwhile
      throw error;
    });
    if (result?.status === "discarded")
      logger.info({ integrationId }, "token refresh: credentials changed meanwhile; the next sweep looks again");
  },
};
