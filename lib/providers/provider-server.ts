// The server-only half of a provider (it decrypts secrets and calls the provider): never import it from a client
// component. The browser-safe half is provider-definition.ts.
import type { ConnectionCheck } from "@/lib/connections/connection-check";
import type { TokenRefresher } from "@/lib/token-refresh/token-refresher";

/** Columns the server fills in at creation when the admin gives none. */
export type CreationDefaults = { apiBaseUrl?: string; webhookUrl?: string; webhookVerifyToken?: string };

export type ProviderServer = {
  /** One harmless authenticated call, for "Test connection". */
  checkConnection?: ConnectionCheck;
  creationDefaults?: (orgId: string) => CreationDefaults;
  /** Keeps access tokens alive (lib/token-refresh/ decides when and stores the result). */
  tokenRefresher?: TokenRefresher;
};
