"use client";

// "Reconnect": sign in at the provider again and store the new tokens on this same integration (id, history,
// messages kept; the last error cleared). Offered when the server has the provider's OAuth app.
import { Notice } from "@/components/ui/notice";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { OAUTH_PROVIDERS, type TOAuthIntegrationType } from "@/lib/oauth/oauth-providers";
import { useStartSignIn } from "./start-sign-in";

export function ReconnectPanel({
  orgId,
  type,
  integrationId,
  needsReauth,
}: {
  orgId: string;
  type: TOAuthIntegrationType;
  integrationId: string;
  needsReauth: boolean;
}) {
  const provider = OAUTH_PROVIDERS[type];
  const { isStarting, error, start } = useStartSignIn();
  return (
    <section
      aria-labelledby="reconnect-heading"
      className={`${cardClass} flex flex-wrap items-center justify-between gap-4 p-4 ${needsReauth ? "border-amber-400" : ""}`}
      data-testid="oauth-reconnect"
    >
      <div className="max-w-2xl">
        <h2 id="reconnect-heading" className="text-base font-semibold text-slate-900">
          {needsReauth ? `${provider.label} needs you to sign in again` : `Connection to ${provider.label}`}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Reconnect signs in at {provider.label} again{type === "facebook" ? " (the same Page)" : ""} and stores new
          tokens on this integration; its settings and history stay.
        </p>
        {error && (
          <div className="mt-2">
            <Notice tone="error">{error}</Notice>
          </div>
        )}
      </div>
      <button
        type="button"
        className={needsReauth ? buttonClass.primary : buttonClass.secondary}
        disabled={isStarting}
        onClick={() => void start({ orgId, type, integrationId })}
      >
        {isStarting ? "Opening…" : `Reconnect with ${provider.label}`}
      </button>
    </section>
  );
}
