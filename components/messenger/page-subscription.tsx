"use client";

// Whether Meta delivers the Page's messages here: the subscription the app makes in the background when the
// integration becomes active, its failure in Meta's words, and "Subscribe again" for people who may write.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useIntegrationCheck } from "@/components/integrations/use-integration-check";
import { BusyButton } from "@/components/ui/busy-button";
import { Notice } from "@/components/ui/notice";
import type { TIntegrationDetail, TPageSubscription, TResubscribeResult } from "@/lib/validations/integration-response";
import { fullDate, timeAgo } from "@/lib/ui/format";
import { queryKeys } from "@/lib/ui/query-keys";

const POLL_WHILE_PENDING_MS = 3_000;

function describe(subscription: TPageSubscription, isActive: boolean): string {
  switch (subscription.status) {
    case "subscribed":
      return "Subscribed: Meta sends this Page's messages, postbacks, receipts, echoes and reactions here";
    case "pending":
      return `${isActive ? "Subscribing" : "Unsubscribing"}…${subscription.error ? ` (last attempt: ${subscription.error})` : ""}`;
    case "failed":
      return `Failed: ${subscription.error ?? "unknown error"}`;
    case "unsubscribed":
      return "Not subscribed (the integration is inactive)";
    default:
      return isActive ? "Not subscribed yet (set the Page ID)" : "Subscribed when the integration is activated";
  }
}

/** The "Page subscription" row of the connection's facts; asks again every few seconds while a run is pending. */
export function PageSubscriptionRow({ integration }: { integration: TIntegrationDetail }) {
  const queryClient = useQueryClient();
  const subscription = integration.messenger?.subscription;
  const isPending = subscription?.status === "pending";
  useEffect(() => {
    if (!isPending) return;
    const timer = setInterval(
      () => void queryClient.invalidateQueries({ queryKey: queryKeys.integration(integration.id) }),
      POLL_WHILE_PENDING_MS,
    );
    return () => clearInterval(timer);
  }, [isPending, integration.id, queryClient]);
  if (!subscription) return null;
  return (
    <>
      <dt className="text-slate-700">Page subscription</dt>
      <dd className="text-slate-900" data-testid="page-subscription" data-status={subscription.status ?? "none"}>
        {describe(subscription, integration.is_active)}
        {subscription.checked_at && subscription.status !== "pending" && (
          <span className="text-slate-600">
            {" — "}
            <time dateTime={subscription.checked_at} title={fullDate(subscription.checked_at)}>
              {timeAgo(subscription.checked_at)}
            </time>
          </span>
        )}
      </dd>
    </>
  );
}

/** A failed (or missing) subscription of an active integration, with Meta's message and "Subscribe again". */
export function PageSubscriptionWarning({
  integration,
  canWrite,
}: {
  integration: TIntegrationDetail;
  canWrite: boolean;
}) {
  const resubscribe = useIntegrationCheck<TResubscribeResult>(integration, "subscribe");
  const subscription = integration.messenger?.subscription;
  const hasPageId = typeof integration.config.page_id === "string";
  const needsAction =
    integration.is_active &&
    hasPageId &&
    (subscription?.status === "failed" || subscription?.status === "unsubscribed");
  const justSucceeded = resubscribe.data?.ok === true;
  if (!needsAction && !justSucceeded && !resubscribe.error) return null;

  const action = canWrite && needsAction && (
    <BusyButton busyLabel="Subscribing…" isBusy={resubscribe.isPending} onClick={() => resubscribe.mutate()}>
      Subscribe again
    </BusyButton>
  );
  return (
    <div data-testid="subscription-warning" className="space-y-2">
      {needsAction && (
        <Notice tone="error" title="Meta does not send this Page's messages here" action={action || undefined}>
          {subscription?.error ?? "The Page is not subscribed to the app's webhook."}{" "}
          {canWrite
            ? "Fix the cause (e.g. grant the missing permission or replace the Page token), then subscribe again."
            : "Ask an owner or admin to subscribe the Page again."}
        </Notice>
      )}
      {justSucceeded && !needsAction && <Notice tone="success" title="The Page is subscribed again" />}
      {resubscribe.error && (
        <Notice tone="error" title="Subscribing could not run">
          {resubscribe.error.message}
        </Notice>
      )}
    </div>
  );
}
