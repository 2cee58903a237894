// The background job that fetches one person's Messenger profile (name and picture). Payload: ids only.
import { z } from "zod";
import { db } from "@/lib/db/prisma";
import type { JobDefinition } from "@/lib/jobs/job-registry";
import { logJobFailure } from "../webhook-log";
import { fetchProfile, markProfileFetched } from "./fetch-profile";
import { anonymousPersonLabel } from "./person-label";

export const FETCH_PROFILE_JOB = "messenger.fetch-profile" as const;

export const profileJobKey = (integrationId: string, psid: string) => `${FETCH_PROFILE_JOB}:${integrationId}:${psid}`;

const ZFetchProfilePayload = z.object({ integrationId: z.uuid(), psid: z.string().regex(/^\d{1,64}$/) });

export const fetchProfileJob: JobDefinition<typeof ZFetchProfilePayload> = {
  payload: ZFetchProfilePayload,
  // Temporary Graph errors (2, 4, 613, timeouts) are retried with backoff: about 3 minutes in all.
  maxAttempts: 5,
  run: (payload) => fetchProfile(payload),
  async onGiveUp({ integrationId, psid }, error) {
    await db().$transaction(async (tx) => {
      // Not asked again before tomorrow: a Graph API that keeps failing must not be called for every message.
      await markProfileFetched(tx, integrationId, psid);
      const reason = error instanceof Error ? error.message : "unknown error";
      await logJobFailure(
        tx,
        integrationId,
        `The name and picture of ${anonymousPersonLabel(psid)} could not be fetched from Facebook: ${reason}`,
      );
    });
  },
};
