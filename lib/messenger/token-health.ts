// What Meta says about the Page token: GET /debug_token?input_token=<page token>&access_token=<app_id>|<app_secret>.
// Needs the App ID (`api_key`) and App Secret (`api_secret`, else FACEBOOK_APP_SECRET). Both tokens travel in the
// query string because that is Meta's documented form for this call; the URL is never logged or returned (provider
// errors carry a sentence, not the URL), and only the facts below leave this module.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import { joinUrl, providerFetch } from "@/lib/connections/provider-fetch";
import type { Integration } from "@/lib/generated/prisma/client";
import { openRequiredSecret, openSecret, openSecretForDisplay } from "@/lib/integrations/integration-secrets";
import { graphBaseUrl, GraphApiError } from "./graph-api";

/** What the inbox needs from the Page token: sending (pages_messaging) and the Page subscription (pages_manage_metadata). */
export const REQUIRED_PAGE_SCOPES = ["pages_messaging", "pages_manage_metadata"] as const;

const ZDebugToken = z.object({
  data: z.object({
    app_id: z.coerce.string().optional(),
    type: z.string().optional(),
    is_valid: z.boolean(),
    expires_at: z.number().optional(),
    scopes: z.array(z.string()).default([]),
    error: z.object({ message: z.string().optional(), code: z.number().optional() }).optional(),
  }),
});
const ZGraphErrorBody = z.object({
  error: z.object({ message: z.string().default("Unknown error"), code: z.number().optional() }),
});

export type TokenHealth = {
  is_valid: boolean;
  type: string | null;
  app_id: string | null;
  /** ISO time; null with never_expires when Meta says 0 (a Page token from a long-lived user token). */
  expires_at: string | null;
  never_expires: boolean;
  scopes: string[];
  missing_scopes: string[];
  /** Meta's reason when the token is not valid. */
  error: string | null;
};

type AppCredentials = { appId: string; appSecret: string };

/**
 * null when the App ID or App Secret is unknown (the check is then skipped, and says so). The server's
 * FACEBOOK_APP_SECRET was configured for Meta: it is sent only to the server's own Graph address, never to an
 * api_base_url an admin typed in (that would hand every organization's webhook secret to whoever runs that host).
 */
export function appCredentialsOf(integration: Integration): AppCredentials | null {
  const appId = openSecretForDisplay(integration, "apiKey");
  const isServerGraph = graphBaseUrl(integration) === serverEnv().defaultFacebookApiBaseUrl;
  const appSecret =
    openSecret(integration, "apiSecret") ?? (isServerGraph ? serverEnv().FACEBOOK_APP_SECRET : null) ?? null;
  return appId && appSecret ? { appId, appSecret } : null;
}

/** Asks Meta about the Page token. A refusal of the call itself (wrong App Secret, …) throws GraphApiError. */
export async function inspectPageToken(integration: Integration, credentials: AppCredentials): Promise<TokenHealth> {
  const query = new URLSearchParams({
    input_token: openRequiredSecret(integration, "accessToken"),
    access_token: `${credentials.appId}|${credentials.appSecret}`,
  });
  const response = await providerFetch("Facebook", `${joinUrl(graphBaseUrl(integration), "/debug_token")}?${query}`);
  if (!response.ok) {
    const refusal = ZGraphErrorBody.safeParse(response.json);
    if (refusal.success) throw new GraphApiError(refusal.data.error.message, refusal.data.error.code ?? null, null);
    throw new GraphApiError(`unexpected HTTP ${response.status} answer to debug_token`, null, null);
  }
  const parsed = ZDebugToken.safeParse(response.json);
  if (!parsed.success) throw new AppError("bad_gateway", "Facebook: unexpected answer to debug_token");
  const data = parsed.data.data;
  const expiresAt = data.expires_at ?? null;
  return {
    is_valid: data.is_valid,
    type: data.type ?? null,
    app_id: data.app_id ?? null,
    expires_at: expiresAt ? new Date(expiresAt * 1000).toISOString() : null,
    never_expires: expiresAt === 0,
    scopes: data.scopes,
    missing_scopes: REQUIRED_PAGE_SCOPES.filter((scope) => !data.scopes.includes(scope)),
    error: data.is_valid ? null : (data.error?.message ?? "Meta says the token is not valid"),
  };
}

/** The sentences a test connection reports for this token (empty when it is fine). */
export function tokenProblems(health: TokenHealth): string[] {
  if (!health.is_valid) return [`The Page access token is not valid: ${health.error}.`];
  const problems: string[] = [];
  if (health.type && health.type !== "PAGE")
    problems.push(`The access token is a ${health.type} token, not a Page token.`);
  if (health.missing_scopes.length > 0) {
    const names = health.missing_scopes.join(" and ");
    problems.push(`The Page access token lacks the ${names} permission${health.missing_scopes.length > 1 ? "s" : ""}.`);
  }
  return problems;
}
