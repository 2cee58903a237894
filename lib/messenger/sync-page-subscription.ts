// Brings Meta's side in line with the integration: its Page subscribed while the integration is active, unsubscribed
// once it is not. Run by the background job (lib/messenger/jobs/page-subscription-job.ts) and by "Subscribe again".
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/prisma";
import type { Integration } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logging/logger";
import {
  failureSentence,
  isTemporaryFailure,
  pageIdOf,
  subscribePage,
  unsubscribePage,
  wantsPageSubscription,
  type PageSubscriptionStatus,
} from "./page-subscription";
import { logJobFailure } from "./webhook-log";

export type SubscriptionOutcome = { status: PageSubscriptionStatus; error: string | null };

/** How long a delete waits for Meta to confirm the unsubscribe before going ahead anyway. */
const UNSUBSCRIBE_BEFORE_DELETE_WAIT_MS = 3_000;

/**
 * Another active integration (of any organization) names the same Page: the Page–app subscription is shared, so
 * dropping it would silence that one too.
 */
async function isPageUsedElsewhere(integrationId: string, pageId: string): Promise<boolean> {
  const others = await db().integration.count({
    where: {
      id: { not: integrationId },
      integrationType: "facebook",
      isActive: true,
      config: { path: ["page_id"], equals: pageId },
    },
  });
  return others > 0;
}

/**
 * Stores the outcome only if the row still asks for what this run did (same activity, token and Graph address):
 * otherwise a newer change has queued its own run, whose outcome is the one that counts.
 */
async function recordOutcome(
  snapshot: Integration,
  outcome: SubscriptionOutcome,
  jobFailure?: string,
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.integration.updateMany({
      where: {
        id: snapshot.id,
        isActive: snapshot.isActive,
        accessToken: snapshot.accessToken,
        apiBaseUrl: snapshot.apiBaseUrl,
      },
      data: { subscriptionStatus: outcome.status, subscriptionError: outcome.error, subscriptionCheckedAt: new Date() },
    });
    if (count > 0 && jobFailure) await logJobFailure(tx, snapshot.id, jobFailure);
    return count > 0;
  });
}

/**
 * Subscribes or unsubscribes the Page as the row says. `isBackground`: a temporary failure is stored as "pending" and
 * thrown so the job runner retries with backoff, and a final failure also goes to the delivery log; otherwise (a
 * person clicked "Subscribe again") every failure is answered and stored as "failed" at once.
 * Answers null when there is nothing to do (no such Facebook integration, or no Page ID or token).
 */
export async function syncPageSubscription(
  integrationId: string,
  options: { isBackground: boolean },
): Promise<SubscriptionOutcome | null> {
  const row = await db().integration.findUnique({ where: { id: integrationId } });
  const pageId = row ? pageIdOf(row) : null;
  if (!row || row.integrationType !== "facebook" || !pageId || !row.accessToken) return null;
  const isSubscribing = wantsPageSubscription(row);
  try {
    if (isSubscribing) await subscribePage(row, pageId);
    else if (!(await isPageUsedElsewhere(row.id, pageId))) await unsubscribePage(row, pageId);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const sentence = failureSentence(error);
    if (options.isBackground && isTemporaryFailure(error)) {
      await recordOutcome(row, { status: "pending", error: `${sentence} — trying again shortly` });
      throw error;
    }
    const outcome: SubscriptionOutcome = {
      status: "failed",
      error: isSubscribing ? sentence : `Unsubscribing failed: ${sentence}`,
    };
    await recordOutcome(
      row,
      outcome,
      options.isBackground ? jobFailureSentence(isSubscribing, pageId, sentence) : undefined,
    );
    return outcome;
  }
  const outcome: SubscriptionOutcome = { status: isSubscribing ? "subscribed" : "unsubscribed", error: null };
  await recordOutcome(row, outcome);
  return outcome;
}

const jobFailureSentence = (isSubscribing: boolean, pageId: string, sentence: string) =>
  `${isSubscribing ? "Subscribing" : "Unsubscribing"} Page ${pageId} ${isSubscribing ? "to" : "from"} the app's webhook failed: ${sentence}`;

/** The job's last attempt failed (temporary failures all along): now it is "failed", and the delivery log says so. */
export async function recordSubscriptionGaveUp(integrationId: string, error: unknown): Promise<void> {
  const row = await db().integration.findUnique({ where: { id: integrationId } });
  const pageId = row ? pageIdOf(row) : null;
  if (!row || !pageId || row.subscriptionStatus !== "pending") return;
  const isSubscribing = wantsPageSubscription(row);
  const sentence = failureSentence(error);
  await recordOutcome(
    row,
    { status: "failed", error: isSubscribing ? sentence : `Unsubscribing failed: ${sentence}` },
    `${jobFailureSentence(isSubscribing, pageId, sentence)} (gave up after several attempts)`,
  );
}

/**
 * Before an integration is deleted: its row (and token) will be gone, so no job could unsubscribe later, and a job
 * payload must never carry the token. So the delete tries it now, waits a few seconds at most, and goes ahead
 * whatever Meta answers (a Page left subscribed only sends deliveries that find no integration).
 */
export async function unsubscribeBeforeDelete(row: Integration): Promise<void> {
  const pageId = pageIdOf(row);
  if (row.integrationType !== "facebook" || !pageId || !row.accessToken || row.subscriptionStatus === "unsubscribed")
    return;
  if (await isPageUsedElsewhere(row.id, pageId)) return;
  const attempt = unsubscribePage(row, pageId).then(
    () => true,
    (error: unknown) => {
      logger.warn(
        { integrationId: row.id, reason: failureSentence(error) },
        "could not unsubscribe the Page before deleting its integration",
      );
      return false;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), UNSUBSCRIBE_BEFORE_DELETE_WAIT_MS);
  });
  await Promise.race([attempt, waited]);
  clearTimeout(timer);
}

/**
 * What a test connection saw on Meta's side, kept on the integration so the page shows it (e.g. Meta dropped the
 * subscription after webhook failures). A run in progress ("pending") owns the status and is left alone.
 */
export async function recordObservedSubscription(
  snapshot: Integration,
  observed: { isSubscribed: boolean; pageId: string },
): Promise<void> {
  if (snapshot.subscriptionStatus === "pending") return;
  const outcome: SubscriptionOutcome = observed.isSubscribed
    ? { status: "subscribed", error: null }
    : snapshot.isActive
      ? {
          status: "failed",
          error: `Meta reports that Page ${observed.pageId} is not subscribed to the app's webhook (found by Test connection)`,
        }
      : { status: "unsubscribed", error: null };
  await recordOutcome(snapshot, outcome);
}
