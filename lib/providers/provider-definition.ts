// What one provider is, as far as the browser may know: safe to import from client components (no secrets, no
// server modules). The server-only half (connection check, token refresh, provider calls) is provider-server.ts.
import type { z } from "zod";
import type { TIntegrationType } from "./integration-types";

export type FieldKind = "text" | "url" | "secret" | "json" | "datetime" | "checkbox";

/** One field of the type's form. `target` says whether it goes to the top level of the API body or into `config`. */
export type FieldDef = {
  name: string;
  label: string;
  kind: FieldKind;
  target: "root" | "config";
  required?: boolean;
  hint?: string;
  placeholder?: string;
  defaultValue?: string;
  /** Shown when editing only: the create form stays the guide's minimal one. */
  isEditOnly?: boolean;
};

/**
 * Where a provider's OAuth app sends people and asks for tokens, for "Connect with …" (lib/oauth/; the server's
 * settings may override the URLs there). Facebook's token URL sits on the Graph API root, a setting too.
 */
export type ProviderOAuth = {
  authorizeUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  scopeSeparator: " " | ",";
};

export type ProviderDefinition<T extends TIntegrationType = TIntegrationType> = {
  type: T;
  label: string;
  /** Letters on the type's badge, and the badge's colours. */
  monogram: string;
  badgeClass: string;
  description: string;
  /** What `config` may hold; the API validates with it and the forms reuse its messages. */
  configSchema: z.ZodType;
  /** The provider's API root when the admin gives none (Facebook's comes from the server's Graph settings). */
  defaultApiBaseUrl?: string;
  fields: FieldDef[];
  /** Top-level fields the API insists on at creation, with the sentence it answers when one is missing. */
  requiredOnCreate?: { field: "access_token"; message: string }[];
  /** "Test connection" exists for this type (lib/providers/<type>/connection-check.ts). */
  hasConnectionCheck: boolean;
  /** The Messenger webhook, inbox and Page subscription apply to this type. */
  hasMessengerInbox?: boolean;
  oauth?: ProviderOAuth;
  /** How long before an access token expires it is refreshed (and shown as expiring); default TOKEN_REFRESH_LEAD_MS. */
  tokenRefreshLeadMs?: number;
};

export const integrationNameField: FieldDef = {
  name: "name",
  label: "Integration Name",
  kind: "text",
  target: "root",
  required: true,
};
