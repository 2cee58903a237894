// A typed client for the Organization Integrations API, for external frontends: the guide's functions, with the
// request and response types generated from /openapi.json (src/api-schema.ts, `npm run client:generate`).
// Every call resolves to `{ data }` or `{ error: { status, error } }`; it never throws for an HTTP error.
import createClient from "openapi-fetch";
import type { components, paths } from "./api-schema.js";
import { readInboxEvents, type InboxEvent } from "./inbox-events.js";

export type Schemas = components["schemas"];
export type Integration = Schemas["IntegrationDetail"];
export type IntegrationListItem = Schemas["IntegrationListItem"];
export type MessengerMessage = Schemas["MessengerMessage"];
export type Conversation = Schemas["Conversation"];
export type CreateIntegrationInput =
  paths["/create-organization-integration"]["post"]["requestBody"]["content"]["application/json"];
export type UpdateIntegrationInput =
  paths["/update-organization-integration"]["post"]["requestBody"]["content"]["application/json"];
export type SendMessageInput =
  paths["/organization-integration/{integration_id}/messages"]["post"]["requestBody"]["content"]["application/json"];
export type ListMessagesQuery = NonNullable<
  paths["/organization-integration/{integration_id}/messages"]["get"]["parameters"]["query"]
>;
export type ListConversationsQuery = NonNullable<
  paths["/organization-integration/{integration_id}/conversations"]["get"]["parameters"]["query"]
>;
export type { InboxEvent };

/** What every failed call resolves to: the HTTP status (0 when the server could not be reached) and the API's sentence. */
export type ApiError = { status: number; error: string };
export type ApiResult<T> = { data: T; error?: undefined } | { data?: undefined; error: ApiError };

export type IntegrationsClientOptions = {
  /** Where the API is, e.g. https://integrations.example.com (no trailing slash needed). */
  baseUrl: string;
  /** An API key (oik_…). Without one, a browser on the app's own origin is authenticated by its session cookie. */
  apiKey?: string;
  fetch?: typeof fetch;
};

type FetchOutcome<T> = { data?: T; error?: unknown; response: Response };

function errorSentence(error: unknown, response: Response): string {
  if (typeof error === "object" && error !== null && typeof (error as { error?: unknown }).error === "string")
    return (error as { error: string }).error;
  if (typeof error === "string" && error) return error;
  return response.statusText || `HTTP ${response.status}`;
}

async function settle<T>(call: Promise<FetchOutcome<T>>): Promise<ApiResult<T>> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call;
  } catch (error) {
    return { error: { status: 0, error: error instanceof Error ? error.message : "The API could not be reached" } };
  }
  if (outcome.response.ok && outcome.data !== undefined) return { data: outcome.data };
  return { error: { status: outcome.response.status, error: errorSentence(outcome.error, outcome.response) } };
}

export function createIntegrationsClient(options: IntegrationsClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {};
  const client = createClient<paths>({ baseUrl, headers, fetch: options.fetch });
  const inIntegration = (integrationId: string) => ({ params: { path: { integration_id: integrationId } } });
  /** One integration's list (messages, conversations), at the page `query` asks for. */
  const pageIn = <TQuery>(integrationId: string, query: TQuery) => ({
    params: { path: { integration_id: integrationId }, query },
  });

  return {
    /** The underlying openapi-fetch client, for any endpoint without a helper here (fully typed as well). */
    raw: client,

    getIntegrations: (orgId: string, activeOnly = false) =>
      settle(
        client.GET("/organization-integrations", {
          params: { query: { org_id: orgId, ...(activeOnly ? { active_only: "true" as const } : {}) } },
        }),
      ),
    getIntegrationDetails: (id: string) =>
      settle(client.GET("/organization-integration/{integration_id}", inIntegration(id))),
    createIntegration: (data: CreateIntegrationInput) =>
      settle(client.POST("/create-organization-integration", { body: data })),
    updateIntegration: (data: UpdateIntegrationInput) =>
      settle(client.POST("/update-organization-integration", { body: data })),
    toggleIntegration: (id: string, active: boolean) =>
      settle(client.POST("/toggle-organization-integration", { body: { id, active } })),
    deleteIntegration: (id: string) => settle(client.POST("/delete-organization-integration", { body: { id } })),
    testConnection: (id: string) =>
      settle(client.POST("/organization-integration/{integration_id}/test", inIntegration(id))),

    getMessages: (integrationId: string, query: ListMessagesQuery = {}) =>
      settle(client.GET("/organization-integration/{integration_id}/messages", pageIn(integrationId, query))),
    sendMessage: (integrationId: string, message: SendMessageInput) =>
      settle(
        client.POST("/organization-integration/{integration_id}/messages", {
          ...inIntegration(integrationId),
          body: message,
        }),
      ),
    getConversations: (integrationId: string, query: ListConversationsQuery = {}) =>
      settle(client.GET("/organization-integration/{integration_id}/conversations", pageIn(integrationId, query))),
    markConversationRead: (integrationId: string, psid: string) =>
      settle(
        client.POST("/organization-integration/{integration_id}/conversations/{psid}/read", {
          params: { path: { integration_id: integrationId, psid } },
        }),
      ),

    /**
     * The inbox's live events (Server-Sent Events over fetch, so the API key can go in a header, which EventSource
     * cannot send). Yields each event until `signal` aborts or the server closes; pass the last id to resume.
     */
    inboxEvents: (integrationId: string, eventOptions: { signal?: AbortSignal; lastEventId?: string } = {}) =>
      readInboxEvents({
        url: `${baseUrl}/organization-integration/${encodeURIComponent(integrationId)}/events`,
        headers,
        fetch: options.fetch ?? globalThis.fetch,
        ...eventOptions,
      }),
  };
}

export type IntegrationsClient = ReturnType<typeof createIntegrationsClient>;
