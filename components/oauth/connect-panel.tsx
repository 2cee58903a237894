"use client";

// "Connect with HubSpot / Salesforce / Facebook" above the manual form, when the server has that provider's app.
import { useState } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass, cardClass, inputClass } from "@/components/ui/styles";
import { OAUTH_PROVIDERS, type TOAuthIntegrationType } from "@/lib/oauth/oauth-providers";
import { useStartSignIn } from "./start-sign-in";

export function ConnectPanel({ orgId, type }: { orgId: string; type: TOAuthIntegrationType }) {
  const provider = OAUTH_PROVIDERS[type];
  const [name, setName] = useState("");
  const { isStarting, error, start } = useStartSignIn();
  const nameHint = type === "facebook" ? "Default: the Page's name." : `Default: ${provider.label}.`;

  return (
    <section aria-labelledby="connect-heading" className={`${cardClass} space-y-4 p-6`} data-testid="oauth-connect">
      <div>
        <h2 id="connect-heading" className="text-lg font-semibold text-slate-900">
          Connect with {provider.label}
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Sign in at {provider.label} and allow access{type === "facebook" ? ", then choose the Page" : ""}: the tokens
          are stored (encrypted) for you and renewed when they can be.
        </p>
      </div>
      <div>
        <label htmlFor="connect-name" className="block text-sm font-medium text-slate-800">
          Name <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id="connect-name"
          aria-describedby="connect-name-hint"
          className={`mt-1 ${inputClass}`}
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
        <p id="connect-name-hint" className="mt-1 text-xs text-slate-600">
          {nameHint}
        </p>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      <button
        type="button"
        className={buttonClass.primary}
        disabled={isStarting}
        onClick={() => void start({ orgId, type, name: name.trim() })}
      >
        {isStarting ? "Opening…" : `Connect with ${provider.label}`}
      </button>
    </section>
  );
}
