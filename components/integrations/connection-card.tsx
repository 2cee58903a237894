"use client";

// The connection's health: warnings the admin must act on, when it was last checked, and "Test connection".
// For Facebook also when Meta last reached the webhook, whether the Page is subscribed to the app's webhook (with
// "Subscribe again"), what the test found about the token, and webhook security warnings (App Secret, unsigned events).
import { useOrg } from "@/components/app-shell/org-context";
import { FacebookHealthDetails } from "@/components/messenger/facebook-health";
import { PageSubscriptionRow, PageSubscriptionWarning } from "@/components/messenger/page-subscription";
import { WebhookWarnings } from "@/components/messenger/webhook-warnings";
import { BusyButton } from "@/components/ui/busy-button";
import { Notice } from "@/components/ui/notice";
import { cardClass } from "@/components/ui/styles";
import type { TIntegrationDetail, TTestConnectionResult } from "@/lib/validations/integration-response";
import { fullDate, timeAgo } from "@/lib/ui/format";
import { TOKEN_STATE_WORDS } from "./token-state-badge";
import { useIntegrationCheck } from "./use-integration-check";

export function ConnectionCard({ integration }: { integration: TIntegrationDetail }) {
  const { canWrite } = useOrg();
  const test = useIntegrationCheck<TTestConnectionResult>(integration, "test");
  const status = integration.status;
  const messenger = integration.messenger;
  const isFacebook = integration.integration_type === "facebook";

  return (
    <section
      aria-labelledby="connection-heading"
      className={`${cardClass} space-y-4 p-6`}
      data-testid="connection-card"
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="connection-heading" className="text-lg font-semibold text-slate-900">
            Connection
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-700">Last check</dt>
            <dd className="text-slate-900" data-testid="last-check">
              {status.last_checked_at ? (
                <>
                  <time dateTime={status.last_checked_at} title={fullDate(status.last_checked_at)}>
                    {timeAgo(status.last_checked_at)}
                  </time>
                  {" — "}
                  {status.last_check_ok ? "working" : `failed: ${status.last_check_error ?? "unknown error"}`}
                </>
              ) : (
                "Never tested"
              )}
            </dd>
            {status?.token_state && (
              <>
                <dt className="text-slate-700">Access token</dt>
                <dd className="text-slate-900" data-testid="token-state-detail">
                  {TOKEN_STATE_WORDS[status.token_state]}
                  {status.last_refreshed_at && (
                    <>
                      {" — refreshed "}
                      <time dateTime={status.last_refreshed_at} title={fullDate(status.last_refreshed_at)}>
                        {timeAgo(status.last_refreshed_at)}
                      </time>
                    </>
                  )}
                </dd>
              </>
            )}
            {isFacebook && messenger !== undefined && (
              <>
                <dt className="text-slate-700">Last event from Meta</dt>
                <dd className="text-slate-900" data-testid="last-event">
                  {messenger?.last_event_at ? (
                    <time dateTime={messenger.last_event_at} title={fullDate(messenger.last_event_at)}>
                      {timeAgo(messenger.last_event_at)}
                    </time>
                  ) : (
                    "None received yet"
                  )}
                </dd>
                <PageSubscriptionRow integration={integration} />
              </>
            )}
          </dl>
        </div>
        {canWrite && (
          <BusyButton busyLabel="Testing…" isBusy={test.isPending} onClick={() => test.mutate()}>
            Test connection
          </BusyButton>
        )}
      </div>

      {test.data && (
        <div data-testid="test-result">
          {test.data.ok ? (
            <Notice tone="success" title="Connection works">
              {describeDetails(integration, test.data.details)}
              {isFacebook && <FacebookHealthDetails details={test.data.details} />}
            </Notice>
          ) : (
            <Notice tone="error" title="Connection failed">
              {test.data.error}
              {isFacebook && test.data.details && <FacebookHealthDetails details={test.data.details} />}
            </Notice>
          )}
        </div>
      )}
      {test.error && (
        <div data-testid="test-result">
          <Notice tone="error" title="The test could not run">
            {test.error.message}
          </Notice>
        </div>
      )}

      {status.needs_reauth && (
        <div data-testid="warning-reauth">
          <Notice
            tone="warning"
            title={
              isFacebook
                ? "The Page Access Token no longer works — reconnect"
                : "The credentials no longer work — reconnect"
            }
          >
            {isFacebook
              ? "Meta refused the token (expired or revoked)."
              : "The provider refused them (expired or revoked)."}{" "}
            Nothing is sent to the provider until they are replaced; a successful refresh or test clears this.{" "}
            {canWrite
              ? "Generate new ones and use Replace in Settings below."
              : "Ask an owner or admin to replace them."}
          </Notice>
        </div>
      )}
      {isFacebook && <PageSubscriptionWarning integration={integration} canWrite={canWrite} />}
      {isFacebook && <WebhookWarnings integration={integration} canWrite={canWrite} />}
    </section>
  );
}

function describeDetails(integration: TIntegrationDetail, details: Record<string, unknown>): string {
  if (integration.integration_type === "facebook" && details.name)
    return `Connected to the Page “${String(details.name)}” (ID ${String(details.id)}).`;
  const parts = Object.entries(details)
    .filter(([, value]) => typeof value === "string" || typeof value === "number")
    .map(([key, value]) => `${key.replaceAll("_", " ")}: ${String(value)}`);
  return parts.length ? parts.join(" · ") : "The provider accepted the credentials.";
}
