// Odoo CRM (browser-safe): a server, a database, a login and that user's API key (XML-RPC).
import { z } from "zod";
import { integrationNameField, type ProviderDefinition } from "../provider-definition";

export const ZOdooConfig = z.strictObject({
  database: z.string().trim().min(1, "is required").max(200),
  login: z.string().trim().min(1, "is required").max(200),
});

export const odooCrmDefinition = {
  type: "odoo_crm",
  label: "Odoo CRM",
  monogram: "O",
  badgeClass: "bg-purple-700 text-white",
  description: "Connect an Odoo database with a user's API key (XML-RPC).",
  configSchema: ZOdooConfig,
  hasConnectionCheck: true,
  fields: [
    integrationNameField,
    {
      name: "api_base_url",
      label: "Server URL",
      kind: "url",
      target: "root",
      required: true,
      placeholder: "https://yourcompany.odoo.com",
    },
    { name: "database", label: "Database", kind: "text", target: "config", required: true },
    {
      name: "login",
      label: "Login",
      kind: "text",
      target: "config",
      required: true,
      hint: "The email or username of the Odoo user.",
    },
    {
      name: "api_secret",
      label: "API key",
      kind: "secret",
      target: "root",
      required: true,
      hint: "Odoo → My Profile → Account Security → New API Key.",
    },
  ],
} satisfies ProviderDefinition<"odoo_crm">;
