// The background job that subscribes a Page to the app (or unsubscribes it) after the integration changed. Its
// payload is the integration's id only: the token is read from the row when the job runs, never stored in the queue.
import { z } from "zod";
import type { JobDefinition } from "@/lib/jobs/job-registry";
import { recordSubscriptionGaveUp, syncPageSubscription } from "../sync-page-subscription";

const ZPageSubscriptionPayload = z.object({ integrationId: z.uuid() });

/** ≈ 30 minutes of retries (graphile-worker waits ≈ e^attempt seconds between them) before it is marked "failed". */
export const PAGE_SUBSCRIPTION_MAX_ATTEMPTS = 8;

export const pageSubscriptionJob: JobDefinition<typeof ZPageSubscriptionPayload> = {
  payload: ZPageSubscriptionPayload,
  maxAttempts: PAGE_SUBSCRIPTION_MAX_ATTEMPTS,
  run: async ({ integrationId }) => {
    await syncPageSubscription(integrationId, { isBackground: true });
  },
  onGiveUp: ({ integrationId }, error) => recordSubscriptionGaveUp(integrationId, error),
};
