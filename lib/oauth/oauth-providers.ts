// "Connect with …": the providers that offer it, with their OAuth endpoints, scopes and label — browser-safe (no
// settings, no secrets) so the forms can name them. The server's settings may override the URLs (oauth-settings.ts).
import type { TIntegrationType } from "@/lib/providers/integration-types";
import type { ProviderOAuth } from "@/lib/providers/provider-definition";
import { PROVIDERS } from "@/lib/providers/registry";

export const OAUTH_INTEGRATION_TYPES = [
  "hubspot",
  "salesforce",
  "facebook",
] as const satisfies readonly TIntegrationType[];
export type TOAuthIntegrationType = (typeof OAUTH_INTEGRATION_TYPES)[number];

export type OAuthProviderDefinition = ProviderOAuth & {
  /** As on the button: "Connect with HubSpot". */
  label: string;
};

const oauthOf = <T extends TOAuthIntegrationType>(type: T) => ({
  label: PROVIDERS[type].label,
  ...PROVIDERS[type].oauth,
});

/** Each provider's endpoints and scopes live in its folder (lib/providers/<type>/definition.ts). */
export const OAUTH_PROVIDERS = {
  hubspot: oauthOf("hubspot"),
  salesforce: oauthOf("salesforce"),
  facebook: oauthOf("facebook"),
} satisfies Record<TOAuthIntegrationType, OAuthProviderDefinition>;

export function isOAuthIntegrationType(type: string): type is TOAuthIntegrationType {
  return (OAUTH_INTEGRATION_TYPES as readonly string[]).includes(type);
}
