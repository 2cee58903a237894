// Opens the provider's sign-in: the server remembers the attempt and answers where to send the browser.
import { apiPost } from "@/lib/ui/api-client";
import type { TOAuthIntegrationType } from "@/lib/oauth/oauth-providers";
import type { TStartOAuthResponse } from "@/lib/validations/oauth-response";

export async function startSignIn(input: { orgId: string; type: TOAuthIntegrationType; name?: string; integrationId?: string }) {
  const { authorize_url: authorizeUrl } = await apiPost<TStartOAuthResponse>("/start-organization-oauth", {
    org_id: input.orgId,
    integration_type: input.type,
    name: input.name || undefined,
    integration_id: input.integrationId,
  });
  window.location.assign(authorizeUrl);
}
