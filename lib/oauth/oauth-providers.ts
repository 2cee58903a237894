// "Connect with …": each provider's OAuth endpoints, scopes and label, browser-safe (no settings, no secrets) so the
// forms can name the providers. The server's settings may override the URLs (lib/oauth/oauth-settings.ts).
import type { TIntegrationType } from "@/lib/validations/integration-config";

export const OAUTH_INTEGRATION_TYPES = ["hubspot", "salesforce", "facebook"] as const satisfies readonly TIntegrationType[];
export type TOAuthIntegrationType = (typeof OAUTH_INTEGRATION_TYPES)[number];

export type OAuthProviderDefinition = {
  /** As on the button: "Connect with HubSpot". */
  label: string;
  authorizeUrl: string;
  /** Facebook's token URL sits on the Graph API root, whose version is a setting: see oauth-settings.ts. */
  tokenUrl: string;
  scopes: readonly string[];
  scopeSeparator: " " | ",";
};

export const OAUTH_PROVIDERS = {
  hubspot: {
    label: "HubSpot",
    authorizeUrl: "https://app.hubspot.com/oauth/authorize",
    tokenUrl: "https://api.hubapi.com/oauth/v1/token",
    scopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"],
    scopeSeparator: " ",
  },
  salesforce: {
    label: "Salesforce",
    authorizeUrl: "https://login.salesforce.com/services/oauth2/authorize",
    tokenUrl: "https://login.salesforce.com/services/oauth2/token",
    // refresh_token: without it Salesforce hands out no refresh token and the connection dies with the session.
    scopes: ["api", "refresh_token"],
    scopeSeparator: " ",
  },
  facebook: {
    label: "Facebook",
    authorizeUrl: "https://www.facebook.com/dialog/oauth",
    tokenUrl: "https://graph.facebook.com/oauth/access_token",
    // What the Messenger integration needs of a Page: send, subscribe the webhook, list the Pages, read the inbox.
    scopes: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement"],
    scopeSeparator: ",",
  },
} as const satisfies Record<TOAuthIntegrationType, OAuthProviderDefinition>;

export function isOAuthIntegrationType(type: string): type is TOAuthIntegrationType {
  return (OAUTH_INTEGRATION_TYPES as readonly string[]).includes(type);
}
