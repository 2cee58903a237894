// The integration endpoints as one caller (an API key or a session cookie) uses them: each request's path, method and
// params are written here once, so a test file says what it does, not how a route is mounted.
import * as testRoute from "@/app/organization-integration/[integration_id]/test/route";
import { bearer, callRoute, type CallResult } from "./call-route";
import { createRoute, deleteRoute, detailRoute, listRoute, toggleRoute, updateRoute } from "./routes";
import type { TestOrg } from "./seed";

/** The detail's fields a list item repeats as they are; next to them, its `status` is the token's health only. */
export const LISTED_FIELDS = [
  "id",
  "org_id",
  "integration_type",
  "name",
  "is_active",
  "api_base_url",
  "webhook_url",
  "created_at",
  "updated_at",
];

export type IntegrationApi = {
  create: (body: unknown) => Promise<CallResult>;
  update: (body: unknown) => Promise<CallResult>;
  toggle: (body: unknown) => Promise<CallResult>;
  remove: (body: unknown) => Promise<CallResult>;
  /** GET /organization-integrations?… with the query as given (org_id included by the caller). */
  list: (query: string) => Promise<CallResult>;
  detail: (id: string) => Promise<CallResult>;
  /** The detail's `integration` object (undefined when the answer was not 200), read as loosely as any answer. */
  integration: (id: string) => Promise<CallResult["json"]>;
  testConnection: (id: string) => Promise<CallResult>;
};

/** `as` is an API key (sent as a bearer token) or ready-made request headers (e.g. a session cookie). */
export function integrationApi(as: string | Record<string, string>): IntegrationApi {
  const headers = typeof as === "string" ? bearer(as) : as;
  const post = (handler: typeof createRoute.POST, path: string) => (body: unknown) =>
    callRoute(handler, { method: "POST", path, body, headers });
  const detail = (id: string) =>
    callRoute(detailRoute.GET, { path: `/organization-integration/${id}`, params: { integration_id: id }, headers });
  return {
    create: post(createRoute.POST, "/create-organization-integration"),
    update: post(updateRoute.POST, "/update-organization-integration"),
    toggle: post(toggleRoute.POST, "/toggle-organization-integration"),
    remove: post(deleteRoute.POST, "/delete-organization-integration"),
    list: (query) => callRoute(listRoute.GET, { path: `/organization-integrations?${query}`, headers }),
    detail,
    integration: async (id) => (await detail(id)).json?.integration,
    testConnection: (id) =>
      callRoute(testRoute.POST, {
        method: "POST",
        path: `/organization-integration/${id}/test`,
        params: { integration_id: id },
        headers,
      }),
  };
}

/** Creates an integration in the org with its admin key, as a test's set-up: its id (throws unless created). */
export async function createIntegration(org: TestOrg, fields: Record<string, unknown>): Promise<string> {
  const response = await integrationApi(org.keys.admin).create({ org_id: org.orgId, ...fields });
  if (response.status !== 201) throw new Error(`could not create the integration: ${response.status} ${response.text}`);
  return response.json.integration.id;
}
