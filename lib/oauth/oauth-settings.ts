// Which "Connect with …" apps this server has (from settings), and where their endpoints are.
import { serverEnv, type ServerEnv } from "@/lib/config/server-env";
import { joinUrl } from "@/lib/connections/provider-fetch";
import { OAUTH_INTEGRATION_TYPES, OAUTH_PROVIDERS, type TOAuthIntegrationType } from "./oauth-providers";

export type OAuthApp = {
  type: TOAuthIntegrationType;
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The API root stored on a connected integration: HubSpot's API host, Salesforce's login host, the Graph root. */
  apiBaseUrl: string;
};

const originOf = (url: string) => new URL(url).origin;

function facebookGraphUrl(env: ServerEnv): string {
  return (env.FACEBOOK_OAUTH_GRAPH_URL ?? env.defaultFacebookApiBaseUrl).replace(/\/+$/, "");
}

type TAppSettings = { clientId?: string; clientSecret?: string; authorizeUrl?: string; tokenUrl?: string };

/** An app whose API base URL is its token URL's host (HubSpot, Salesforce); the provider's URLs unless overridden. */
function appWithTokenHost(type: "hubspot" | "salesforce", settings: TAppSettings): OAuthApp | null {
  if (!settings.clientId || !settings.clientSecret) return null;
  const tokenUrl = settings.tokenUrl ?? OAUTH_PROVIDERS[type].tokenUrl;
  return {
    type,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorizeUrl: settings.authorizeUrl ?? OAUTH_PROVIDERS[type].authorizeUrl,
    tokenUrl,
    apiBaseUrl: originOf(tokenUrl),
  };
}

const appFromEnv: Record<TOAuthIntegrationType, (env: ServerEnv) => OAuthApp | null> = {
  // HubSpot refreshes at {api_base_url}/oauth/v1/token: the token URL's host is the API host.
  hubspot: (env) =>
    appWithTokenHost("hubspot", {
      clientId: env.HUBSPOT_CLIENT_ID,
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
      authorizeUrl: env.HUBSPOT_OAUTH_AUTHORIZE_URL,
      tokenUrl: env.HUBSPOT_OAUTH_TOKEN_URL,
    }),
  // The login host: Salesforce refreshes at {api_base_url}/services/oauth2/token.
  salesforce: (env) =>
    appWithTokenHost("salesforce", {
      clientId: env.SALESFORCE_CLIENT_ID,
      clientSecret: env.SALESFORCE_CLIENT_SECRET,
      authorizeUrl: env.SALESFORCE_OAUTH_AUTHORIZE_URL,
      tokenUrl: env.SALESFORCE_OAUTH_TOKEN_URL,
    }),
  facebook: (env) => {
    if (!env.FACEBOOK_APP_ID || !env.FACEBOOK_APP_SECRET) return null;
    const graphUrl = facebookGraphUrl(env);
    return {
      type: "facebook",
      clientId: env.FACEBOOK_APP_ID,
      clientSecret: env.FACEBOOK_APP_SECRET,
      authorizeUrl:
        env.FACEBOOK_OAUTH_AUTHORIZE_URL ?? `https://www.facebook.com/${env.GRAPH_API_VERSION}/dialog/oauth`,
      tokenUrl: joinUrl(graphUrl, "/oauth/access_token"),
      apiBaseUrl: graphUrl,
    };
  },
};

/** The provider's OAuth app, or null when this server has none for it (then only the manual form is offered). */
export function oauthApp(type: TOAuthIntegrationType): OAuthApp | null {
  return appFromEnv[type](serverEnv());
}

export function configuredOAuthTypes(): TOAuthIntegrationType[] {
  return OAUTH_INTEGRATION_TYPES.filter((type) => oauthApp(type) !== null);
}

/** Registered at each provider as the app's redirect URI; on the address people use, so their session cookie comes. */
export function oauthRedirectUri(): string {
  const env = serverEnv();
  return joinUrl(env.NEXTAUTH_URL ?? env.PUBLIC_BASE_URL, "/organization-oauth/callback");
}
