// Whether Meta delivers a Page's Messenger events to this app: POST/GET/DELETE /{page-id}/subscribed_apps with the
// Page token (needs pages_manage_metadata). Only fields subscribed at both the app and the Page level are delivered,
// and Meta drops a Page's subscription after its webhook kept failing, so this is set up by us and checked again.
import type { Integration } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { TPageSubscription } from "@/lib/validations/integration-response";
import { callGraphApi, GraphApiError } from "./graph-api";
import { SUBSCRIBED_FIELDS } from "./subscribed-fields";

export type PageSubscriptionStatus = "pending" | "subscribed" | "failed" | "unsubscribed";

export type GraphIntegration = Pick<Integration, "id" | "apiBaseUrl" | "accessToken">;

export const pageIdOf = (row: Pick<Integration, "config">): string | null => {
  const pageId = (row.config as { page_id?: unknown } | null)?.page_id;
  return typeof pageId === "string" && pageId ? pageId : null;
};

/** A Facebook integration that should have its Page subscribed: active, with a Page ID and a Page token. */
export function wantsPageSubscription(
  row: Pick<Integration, "integrationType" | "isActive" | "accessToken" | "config">,
): boolean {
  return row.integrationType === "facebook" && row.isActive && Boolean(row.accessToken) && pageIdOf(row) !== null;
}

export async function subscribePage(integration: GraphIntegration, pageId: string): Promise<void> {
  // In the query string, as Meta documents it; the token travels in the Authorization header (callGraphApi).
  await callGraphApi(integration, `/${pageId}/subscribed_apps?subscribed_fields=${SUBSCRIBED_FIELDS.join(",")}`, {
    method: "POST",
  });
}

export async function unsubscribePage(integration: GraphIntegration, pageId: string): Promise<void> {
  await callGraphApi(integration, `/${pageId}/subscribed_apps`, { method: "DELETE" });
}

export type SubscribedApp = { id: string; name: string | null; fields: string[] };

export async function listSubscribedApps(integration: GraphIntegration, pageId: string): Promise<SubscribedApp[]> {
  const answer = (await callGraphApi(integration, `/${pageId}/subscribed_apps`)) as { data?: unknown } | null;
  if (!Array.isArray(answer?.data)) throw new GraphApiError("unexpected answer to GET subscribed_apps", null, null);
  return answer.data.map((app: { id?: unknown; name?: unknown; subscribed_fields?: unknown }) => ({
    id: String(app.id ?? ""),
    name: typeof app.name === "string" ? app.name : null,
    fields: Array.isArray(app.subscribed_fields) ? app.subscribed_fields.map(String) : [],
  }));
}

/**
 * What Meta's list says about us: the app named by App ID (`api_key`) when known, else any app that gets `messages`
 * (a token belongs to exactly one app, but without its ID we cannot tell which entry is ours).
 */
export function findOurSubscription(apps: SubscribedApp[], appId: string | null) {
  const ours = appId ? apps.find((app) => app.id === appId) : apps.find((app) => app.fields.includes("messages"));
  return {
    isSubscribed: Boolean(ours),
    fields: ours?.fields ?? [],
    missingFields: SUBSCRIBED_FIELDS.filter((field) => !ours?.fields.includes(field)),
  };
}

// Meta's codes that mean "later" (temporary, rate limits) rather than "never with this token/permission".
const TEMPORARY_GRAPH_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80001]);

/** Worth retrying: Meta said "later", or it could not be reached or answered garbage (no Graph error code). */
export function isTemporaryFailure(error: unknown): boolean {
  if (error instanceof GraphApiError) return error.graphCode === null || TEMPORARY_GRAPH_CODES.has(error.graphCode);
  return error instanceof AppError && error.code === "bad_gateway";
}

/** The sentence stored and shown for a failure (Meta's message and code; never a token or URL). */
export function failureSentence(error: unknown): string {
  if (error instanceof AppError) return error.message.slice(0, 500);
  return "Unexpected error while calling Facebook";
}

/** The detail's `messenger.subscription`: null status means the integration never asked for one. */
export function toPageSubscriptionStatus(
  row: Pick<Integration, "subscriptionStatus" | "subscriptionError" | "subscriptionCheckedAt">,
): TPageSubscription {
  return {
    status: (row.subscriptionStatus as PageSubscriptionStatus | null) ?? null,
    error: row.subscriptionError,
    checked_at: row.subscriptionCheckedAt ? row.subscriptionCheckedAt.toISOString() : null,
  };
}
