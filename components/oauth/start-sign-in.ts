// Opens the provider's sign-in: the server remembers the attempt and answers where to send the browser.
import { useState } from "react";
import { apiPost } from "@/lib/ui/api-client";
import type { TOAuthIntegrationType } from "@/lib/oauth/oauth-providers";
import type { TStartOAuthResponse } from "@/lib/validations/oauth-response";

type TStartSignIn = { orgId: string; type: TOAuthIntegrationType; name?: string; integrationId?: string };

async function startSignIn(input: TStartSignIn) {
  const { authorize_url: authorizeUrl } = await apiPost<TStartOAuthResponse>("/start-organization-oauth", {
    org_id: input.orgId,
    integration_type: input.type,
    name: input.name || undefined,
    integration_id: input.integrationId,
  });
  window.location.assign(authorizeUrl);
}

/** The Connect / Reconnect button's state: busy until the browser leaves, or the server's refusal to show. */
export function useStartSignIn() {
  const [isStarting, setIsStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start(input: TStartSignIn) {
    setIsStarting(true);
    setError(null);
    try {
      await startSignIn(input);
    } catch (failure) {
      setError((failure as Error).message);
      setIsStarting(false);
    }
  }

  return { isStarting, error, start };
}
