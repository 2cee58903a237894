// Facebook Messenger, server side.
import type { ProviderServer } from "../provider-server";
import { checkFacebook } from "./connection-check";
import { facebookCreationDefaults } from "./creation-defaults";

export const facebookServer = {
  checkConnection: checkFacebook,
  creationDefaults: facebookCreationDefaults,
} satisfies ProviderServer;
