// The guide's "Configure Webhook in Facebook" step as a checklist, with the generated values ready to copy. The App
// Secret is a step of its own: without it Meta's deliveries are refused, so setup is not finished until it is set.
import { CopyField } from "@/components/ui/copy-field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { SUBSCRIBED_FIELDS } from "@/lib/messenger/subscribed-fields";
import type { TIntegrationDetail } from "@/lib/validations/integration-response";

// The fields the app subscribes the Page to must also be ticked at the app level in Meta's dashboard, because Meta
// delivers only fields subscribed at both levels.
const WEBHOOK_FIELDS = SUBSCRIBED_FIELDS;

export function FacebookSetup({ integration }: { integration: TIntegrationDetail }) {
  return (
    <section aria-labelledby="setup-heading" className={`${cardClass} p-6`} data-testid="facebook-setup">
      <h2 id="setup-heading" className="text-lg font-semibold text-slate-900">
        Finish setup in Meta&apos;s dashboard
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Facebook needs these two values to send your Page&apos;s messages here. They were generated for this
        integration.
      </p>
      <div className="mt-4 space-y-4">
        {integration.webhook_url && (
          <CopyField id="webhook-url" label="Callback URL (webhook URL)" value={integration.webhook_url} />
        )}
        {integration.webhook_verify_token && (
          <CopyField id="verify-token" label="Verify token" value={integration.webhook_verify_token} />
        )}
      </div>
      <ol className="mt-6 list-decimal space-y-2 pl-5 text-sm text-slate-800">
        <li>
          Open your app on <span className="font-medium">developers.facebook.com</span> →{" "}
          <span className="font-medium">Messenger</span> → <span className="font-medium">Messenger API Settings</span>.
        </li>
        <AppSecretStep integration={integration} />
        <li>
          Under <span className="font-medium">Configure webhooks</span>, paste the{" "}
          <span className="font-medium">Callback URL</span> and the <span className="font-medium">Verify token</span>{" "}
          above, then choose <span className="font-medium">Verify and save</span>.
        </li>
        <li>
          In the same webhook settings, subscribe the app to these fields:{" "}
          {WEBHOOK_FIELDS.map((field, index) => (
            <span key={field}>
              <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">{field}</code>
              {index < WEBHOOK_FIELDS.length - 1 ? ", " : "."}
            </span>
          ))}
        </li>
        <PageSubscriptionStep integration={integration} />
        <li>Send a message to your Page: it appears in this integration&apos;s inbox.</li>
      </ol>
    </section>
  );
}

function AppSecretStep({ integration }: { integration: TIntegrationDetail }) {
  const source = integration.messenger?.app_secret_source ?? (integration.api_secret ? "integration" : null);
  const acceptsUnsigned = integration.config?.accept_unsigned_events === true;
  const status =
    source === "integration"
      ? "Done: this integration's App Secret checks every delivery."
      : source === "server"
        ? "Done: the server's App Secret (FACEBOOK_APP_SECRET) checks every delivery."
        : acceptsUnsigned
          ? "Not done: unsigned test deliveries are accepted instead, so anyone who knows the Callback URL can post here."
          : "Not done yet: until it is, Meta's deliveries are refused and nothing reaches the inbox.";
  return (
    <li data-testid="setup-app-secret" data-done={source !== null}>
      In <span className="font-medium">App settings → Basic</span>, copy the{" "}
      <span className="font-medium">App Secret</span> into{" "}
      <a href="#edit" className={buttonClass.link}>
        Meta App Secret
      </a>{" "}
      in Settings below: it proves each delivery comes from Meta.{" "}
      <span className={`font-medium ${source ? "text-green-800" : "text-amber-900"}`}>{status}</span>
    </li>
  );
}

/** The Page side of the subscription is done by this app (a background job once the integration is active). */
function PageSubscriptionStep({ integration }: { integration: TIntegrationDetail }) {
  const status = integration.messenger?.subscription.status ?? null;
  const text =
    status === "subscribed"
      ? "Done: the Page is subscribed."
      : status === "pending"
        ? "In progress…"
        : status === "failed"
          ? "Failed: see Connection above, then use “Subscribe again”."
          : "Happens when the integration is active and has a Page ID.";
  return (
    <li data-testid="setup-page-subscription" data-done={status === "subscribed"}>
      This app subscribes your Page to those fields itself (it needs the{" "}
      <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">pages_manage_metadata</code> permission on the Page
      token).{" "}
      <span
        className={`font-medium ${status === "subscribed" ? "text-green-800" : status === "failed" ? "text-red-800" : "text-amber-900"}`}
      >
        {text}
      </span>
    </li>
  );
}
