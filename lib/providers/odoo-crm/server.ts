// Odoo CRM, server side.
import type { ProviderServer } from "../provider-server";
import { checkOdoo } from "./connection-check";

export const odooCrmServer = {
  checkConnection: checkOdoo,
} satisfies ProviderServer;
