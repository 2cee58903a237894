// Asks for a person's name and picture when a conversation is new, and again at most daily as they keep writing. Called
// in the transaction that stored their messages, so the job exists exactly when the conversation row does.
import type { Prisma } from "@/lib/generated/prisma/client";
import { PROFILE_REFRESH_MS } from "./fetch-profile";
import { FETCH_PROFILE_JOB, fetchProfileJob, profileJobKey } from "./fetch-profile-job";

export async function enqueueProfileFetches(
  tx: Prisma.TransactionClient,
  integrationId: string,
  psids: string[],
  now = new Date(),
): Promise<void> {
  const unique = [...new Set(psids)].sort();
  if (!unique.length) return;
  // One statement for the whole batch (graphile-worker's add_jobs; enqueueJob would be one round trip per person), in
  // the hot path of the webhook. The job key (profileJobKey) makes one pending job per person: a burst of messages
  // before it runs collapses into it. Payloads carry ids only.
  await tx.$queryRaw`
    SELECT count(*)::int AS added FROM graphile_worker.add_jobs(ARRAY(
      SELECT ROW(${FETCH_PROFILE_JOB}::text, json_build_object('integrationId', c.integration_id, 'psid', c.psid), NULL::text, NULL::timestamptz,
        ${fetchProfileJob.maxAttempts}::smallint, ${profileJobKey(integrationId, "")}::text || c.psid, NULL::smallint, NULL::text[])::graphile_worker.job_spec
      FROM messenger_conversations c
      WHERE c.integration_id = ${integrationId}::uuid AND c.psid = ANY(${unique}::text[])
        AND (c.profile_fetched_at IS NULL OR c.profile_fetched_at < ${new Date(now.getTime() - PROFILE_REFRESH_MS).toISOString()}::timestamptz)
      ORDER BY c.psid
    ))`;
}
