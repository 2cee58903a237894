// Called by the integration services inside the transaction that changed a Facebook integration: when the change
// means the Page must be subscribed or unsubscribed, the status becomes "pending" and the job is queued with it,
// so the job exists exactly when the change was committed and never delays or fails the request itself.
import type { Integration, Prisma } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { PAGE_SUBSCRIPTION_MAX_ATTEMPTS } from "./jobs/page-subscription-job";
import { pageIdOf, wantsPageSubscription } from "./page-subscription";

const jobKeyOf = (integrationId: string) => `page-subscription:${integrationId}`;

type SubscriptionFields = Pick<Integration, "integrationType" | "isActive" | "accessToken" | "config" | "apiBaseUrl">;

/** It became active or inactive, or its token, Page or Graph address changed while it is active. */
export function needsPageSubscriptionSync(before: SubscriptionFields | null, after: SubscriptionFields): boolean {
  if (after.integrationType !== "facebook") return false;
  const wants = wantsPageSubscription(after);
  if (!before) return wants;
  if (wantsPageSubscription(before) !== wants) return true;
  return (
    wants &&
    (before.accessToken !== after.accessToken ||
      pageIdOf(before) !== pageIdOf(after) ||
      before.apiBaseUrl !== after.apiBaseUrl)
  );
}

/** Queues the (un)subscription when needed; answers the row as it now is. */
export async function schedulePageSubscription(
  tx: Prisma.TransactionClient,
  before: SubscriptionFields | null,
  after: Integration,
): Promise<Integration> {
  if (!needsPageSubscriptionSync(before, after)) return after;
  // One key and one queue per integration: a newer change replaces a waiting run, and runs never overlap, so
  // "subscribe" then "unsubscribe" reach Meta in that order.
  const key = jobKeyOf(after.id);
  await enqueueJob(
    tx,
    "messenger.page-subscription",
    { integrationId: after.id },
    { jobKey: key, queueName: key, maxAttempts: PAGE_SUBSCRIPTION_MAX_ATTEMPTS },
  );
  return tx.integration.update({
    where: { id: after.id },
    data: { subscriptionStatus: "pending", subscriptionError: null, subscriptionCheckedAt: new Date() },
  });
}

/** A run made directly ("Subscribe again") supersedes a queued retry, which would otherwise redo it later. */
export async function cancelQueuedPageSubscription(
  client: Prisma.TransactionClient,
  integrationId: string,
): Promise<void> {
  // remove_job leaves a job that is running alone; it is idempotent anyway.
  await client.$queryRaw`SELECT 1 FROM graphile_worker.remove_job(${jobKeyOf(integrationId)}::text)`;
}
