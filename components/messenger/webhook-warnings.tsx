// What the admin must know about a Facebook integration's webhook security: events stored without a signature
// check, an integration open to unsigned posts, and Meta's deliveries being refused for want of an App Secret.
import { Notice } from "@/components/ui/notice";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";

export function WebhookWarnings({ integration, canWrite }: { integration: TIntegrationDetail; canWrite: boolean }) {
  const messenger = integration.messenger;
  const acceptsUnsigned = integration.config?.accept_unsigned_events === true;
  // Older servers do not say: then only the integration's own secret is known to the UI.
  const hasAppSecret =
    messenger?.app_secret_source !== undefined ? messenger.app_secret_source !== null : Boolean(integration.api_secret);
  const fix = canWrite ? "in Settings below" : "(ask an owner or admin)";
  return (
    <>
      {acceptsUnsigned && (
        <div data-testid="warning-unsigned-accepted">
          <Notice tone="warning" title="Unsigned test deliveries are accepted">
            Anyone who knows this integration&apos;s Callback URL can post messages, echoes and receipts that show up in
            the inbox. Use this for testing only: add the Meta App Secret and turn off &ldquo;Accept unsigned test
            deliveries&rdquo; {fix}.
          </Notice>
        </div>
      )}
      {messenger?.has_unverified_events && (
        <div data-testid="warning-unverified">
          <Notice tone="warning" title="Some events were stored without a signature check">
            They arrived without a signature this server could check, so it cannot prove they came from Meta (they are
            marked unverified in the inbox). The warning clears with the next signed delivery.
          </Notice>
        </div>
      )}
      {!hasAppSecret && !acceptsUnsigned && (
        <div data-testid="warning-no-app-secret">
          <Notice tone="warning" title="Meta's deliveries are refused until the App Secret is set">
            Without the Meta App Secret this server cannot check the signature of webhook deliveries, so it refuses
            them. Add it {fix} (or set FACEBOOK_APP_SECRET on the server).
          </Notice>
        </div>
      )}
    </>
  );
}
