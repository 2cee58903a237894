// Any other service (browser-safe): every column of the guide, and free-form JSON settings.
import { z } from "zod";
import { integrationNameField, type ProviderDefinition } from "../provider-definition";

export const ZOtherConfig = z.record(z.string(), z.unknown());

export const otherDefinition = {
  type: "other",
  label: "Other",
  monogram: "…",
  badgeClass: "bg-slate-600 text-white",
  description: "Any other service: base URL, credentials and free-form JSON settings.",
  configSchema: ZOtherConfig,
  hasConnectionCheck: false,
  fields: [
    integrationNameField,
    {
      name: "api_base_url",
      label: "API base URL",
      kind: "url",
      target: "root",
      placeholder: "https://api.example.com",
    },
    { name: "webhook_url", label: "Webhook URL", kind: "url", target: "root" },
    {
      name: "webhook_verify_token",
      label: "Webhook verify token",
      kind: "text",
      target: "root",
      hint: "8-256 letters, digits, - _ . ~ — if the service checks one.",
    },
    { name: "api_key", label: "API key", kind: "text", target: "root" },
    { name: "api_secret", label: "API secret", kind: "secret", target: "root" },
    { name: "access_token", label: "Access token", kind: "secret", target: "root" },
    { name: "refresh_token", label: "Refresh token", kind: "secret", target: "root" },
    {
      name: "token_expires_at",
      label: "Access token expires at",
      kind: "datetime",
      target: "root",
      hint: "In your local time.",
    },
    {
      name: "config_json",
      label: "Configuration (JSON)",
      kind: "json",
      target: "config",
      hint: 'A JSON object, e.g. {"region": "eu"}.',
    },
  ],
} satisfies ProviderDefinition<"other">;
