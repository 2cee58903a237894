// What the rest of the app calls to count things. Every function here is safe to call anywhere: a metric must never
// make a request or a job fail, and every label value is from a fixed set (no ids, no raw paths, no free text), so
// nobody can grow the number of series by sending odd input.
import { logger } from "@/lib/logging/logger";
import { appMetrics } from "./registry";
import { routePatternOf } from "./route-pattern";

function safely(what: string, count: () => void) {
  try {
    count();
  } catch (error) {
    logger.warn({ err: error, metric: what }, "metrics: could not record");
  }
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** One API request, labelled by the route file it matched (`/organization-integration/[integration_id]/messages`). */
export function observeApiRequest(
  request: Request,
  params: Record<string, string | string[]>,
  status: number,
  startedAt: number,
) {
  safely("http_request_duration_seconds", () => {
    const method = METHODS.has(request.method) ? request.method : "OTHER";
    const route = routePatternOf(new URL(request.url).pathname, params);
    appMetrics().httpRequestDuration.observe(
      { method, route, status: String(status) },
      (performance.now() - startedAt) / 1000,
    );
  });
}

export type WebhookDeliveryOutcome = "accepted" | "rejected" | "unmatched" | "failed";
export type WebhookEventOutcome = "stored" | "deduplicated" | "ignored_inactive" | "rejected";

export function countWebhookDelivery(outcome: WebhookDeliveryOutcome) {
  safely("messenger_webhook_deliveries_total", () => appMetrics().webhookDeliveries.inc({ outcome }));
}

export function countWebhookEvents(outcome: WebhookEventOutcome, count: number) {
  if (count > 0) safely("messenger_webhook_events_total", () => appMetrics().webhookEvents.inc({ outcome }, count));
}

// Meta's codes worth telling apart on a dashboard (see NOTES-stack.md); anything else is "other".
const KNOWN_META_CODES = new Set([1, 2, 4, 10, 100, 190, 200, 230, 368, 551, 613, 1200, 80006]);

/**
 * A Send API call's result: "sent", "unreachable" (timeout, refused connection, unreadable answer) or Meta's error
 * code (`error.code` of its answer, e.g. 190, 10, 551).
 */
export function countSendOutcome(outcome: "sent" | "unreachable" | number) {
  const code = typeof outcome === "number" ? (KNOWN_META_CODES.has(outcome) ? String(outcome) : "other") : outcome;
  safely("messenger_send_outcomes_total", () => appMetrics().sendOutcomes.inc({ code }));
}

export type TokenRefreshOutcome = "refreshed" | "transient_failure" | "invalid_grant" | "skipped";
const PROVIDERS = new Set(["facebook", "hubspot", "salesforce", "odoo_crm", "other"]);

/** A token refresh attempt: refreshed, failed for now (retried), refused for good (needs reauth), or not needed. */
export function countTokenRefresh(outcome: TokenRefreshOutcome, provider: string) {
  const label = PROVIDERS.has(provider) ? provider : "other";
  safely("integration_token_refreshes_total", () => appMetrics().tokenRefreshes.inc({ provider: label, outcome }));
}

export type JobRunOutcome = "succeeded" | "failed" | "gave_up";

export function countJobRun(task: string, outcome: JobRunOutcome) {
  safely("jobs_runs_total", () => appMetrics().jobRuns.inc({ task, outcome }));
}

/**
 * Call when an inbox live stream opens; call the returned function when it closes (any number of times: only the
 * first counts, so an abort and a close on the same stream do not count twice).
 */
export function trackSseStream(): () => void {
  safely("messenger_sse_streams_open", () => appMetrics().sseStreams.inc());
  let isOpen = true;
  return () => {
    if (!isOpen) return;
    isOpen = false;
    safely("messenger_sse_streams_open", () => appMetrics().sseStreams.dec());
  };
}
