// Facebook Messenger, server side.
import type { ProviderServer } from "../provider-server";
import { facebookTokenRefresher } from "./token-refresh";
import { checkFacebook } from "./connection-check";
import { facebookCreationDefaults } from "./creation-defaults";

export const facebookServer = {
  checkConnection: checkFacebook,
  creationDefaults: facebookCreationDefaults,
  tokenRefresher: facebookTokenRefresher,
} satisfies ProviderServer;
