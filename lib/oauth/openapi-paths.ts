// The "Connect with …" endpoints in the OpenAPI document (lib/api/openapi.ts spreads these into its paths).
import { z } from "zod";
import { ZConnectFacebookPage, ZFacebookPagesQuery } from "./facebook-page-connect";
import { ZStartOAuth } from "./start-oauth";

const jsonSchema = (schema: z.ZodType) => {
  const described = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete described.$schema;
  return described;
};
const errorBody = { "application/json": { schema: { type: "object", properties: { error: { type: "string" } }, required: ["error"] } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { description: "Error", content: errorBody }]));
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: jsonSchema(schema) } } });
const sessionOnly = [{ session: [] }];

export function oauthOpenApiPaths() {
  const pickQuery = jsonSchema(ZFacebookPagesQuery) as { properties: Record<string, object> };
  return {
    "/start-organization-oauth": {
      post: {
        summary: "Start \"Connect with HubSpot / Salesforce / Facebook\" (or Reconnect with integration_id): answers the provider's authorization URL (PKCE, signed single-use state). Signed-in owners and admins only",
        security: sessionOnly,
        requestBody: body(ZStartOAuth),
        responses: { 200: ok("{ authorize_url }"), ...errors(400, 401, 403, 404) },
      },
    },
    "/organization-oauth/callback": {
      get: {
        summary: "Where the provider sends the browser back (code, state or error): 303 to the new or reconnected integration, the Facebook Page picker, or the form with oauth_error=<code>",
        security: sessionOnly,
        responses: { 303: { description: "Redirect to a page of the app" } },
      },
    },
    "/organization-oauth/facebook-pages": {
      get: {
        summary: "The Pages a Facebook sign-in manages (ids and names), for the Page picker",
        security: sessionOnly,
        parameters: Object.entries(pickQuery.properties).map(([name, schema]) => ({ name, in: "query", required: true, schema })),
        responses: { 200: ok("{ pages: [{id, name}], required_page_id, is_reconnect }"), ...errors(400, 401, 403, 409, 502) },
      },
    },
    "/organization-oauth/facebook-page": {
      post: {
        summary: "Connect the chosen Page: its token and page_id are stored (new integration, or the reconnected one) and the Page subscribed",
        security: sessionOnly,
        requestBody: body(ZConnectFacebookPage),
        responses: { 200: ok("{ integration_id, path }"), ...errors(400, 401, 403, 404, 409, 502) },
      },
    },
  };
}
