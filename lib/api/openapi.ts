// The API described for external frontends, generated from the same zod schemas the handlers validate with, so the
// document cannot drift from what the server accepts.
import { z } from "zod";
import { memberOpenApiPaths } from "@/lib/members/openapi-paths";
import { messengerOpenApiPaths } from "@/lib/messenger/openapi-paths";
import { oauthOpenApiPaths } from "@/lib/oauth/openapi-paths";
import { ZCreateApiKey, ZOrgQuery, ZRevokeApiKey } from "@/lib/validations/api-key";
import { ZAuditLogQuery } from "@/lib/validations/audit-log";
import {
  ZCreateIntegration, ZDeleteIntegration, ZListIntegrationsQuery, ZToggleIntegration, ZUpdateIntegration,
} from "@/lib/validations/integration";

// Without "$schema": OpenAPI 3.1 embeds JSON Schema 2020-12 already.
const jsonSchema = (schema: z.ZodType) => {
  const described = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete described.$schema;
  return described;
};

const ZError = z.object({ error: z.string() });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: "Error", content: { "application/json": { schema: jsonSchema(ZError) } } }]));
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });

function queryParameters(schema: z.ZodObject) {
  const described = jsonSchema(schema) as { properties: Record<string, object>; required?: string[] };
  return Object.entries(described.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: described.required?.includes(name) ?? false,
    schema: property,
  }));
}

const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: jsonSchema(schema) } } });

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: { title: "Organization Integrations API", version: "1.0.0" },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key (oik_…) created by an org owner or admin" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths: {
      "/organization-integrations": {
        get: { summary: "List an organization's integrations", parameters: queryParameters(ZListIntegrationsQuery), responses: { 200: ok("{ integrations: [...] }"), ...errors(400, 401, 403) } },
      },
      "/organization-integration/{integration_id}": {
        get: {
          summary: "Get one integration (secrets masked)",
          parameters: [{ name: "integration_id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: { 200: ok("{ integration }"), ...errors(400, 401, 404) },
        },
      },
      "/create-organization-integration": {
        post: { summary: "Create an integration", requestBody: body(ZCreateIntegration), responses: { 201: ok("{ message, integration }"), ...errors(400, 401, 403, 413) } },
      },
      "/update-organization-integration": {
        post: { summary: "Update an integration (omit a secret or send •••••• to keep it, null to clear it)", requestBody: body(ZUpdateIntegration), responses: { 200: ok("{ message, integration }"), ...errors(400, 401, 403, 404, 413) } },
      },
      "/toggle-organization-integration": {
        post: { summary: "Activate or deactivate an integration", requestBody: body(ZToggleIntegration), responses: { 200: ok("{ message, integration }"), ...errors(400, 401, 403, 404) } },
      },
      "/delete-organization-integration": {
        post: { summary: "Delete an integration", requestBody: body(ZDeleteIntegration), responses: { 200: ok("{ message }"), ...errors(400, 401, 403, 404) } },
      },
      "/organization-api-keys": {
        get: { summary: "List API keys (owners and admins signed in, owner API keys)", parameters: queryParameters(ZOrgQuery), responses: { 200: ok("{ api_keys: [...] }"), ...errors(400, 401, 403) } },
      },
      "/create-organization-api-key": {
        post: { summary: "Create an API key (people signed in, owner API keys; role at most the caller's); the key is in this response only", requestBody: body(ZCreateApiKey), responses: { 201: ok("{ message, api_key }"), ...errors(400, 401, 403) } },
      },
      "/revoke-organization-api-key": {
        post: { summary: "Revoke an API key and every key it created (role at least the key's)", requestBody: body(ZRevokeApiKey), responses: { 200: ok("{ message, api_key }"), ...errors(400, 401, 403, 404) } },
      },
      "/organization-audit-log": {
        get: { summary: "Audit log, newest first (owners, admins); filter by action, actor_id (or \"system\") and integration_id", parameters: queryParameters(ZAuditLogQuery), responses: { 200: ok("{ entries, next_before }"), ...errors(400, 401, 403) } },
      },
      "/organization-audit-actors": {
        get: { summary: "Everyone who appears in the audit log (owners, admins), for its actor filter", parameters: queryParameters(ZOrgQuery), responses: { 200: ok("{ actors: [{ type, id, label }] }"), ...errors(400, 401, 403) } },
      },
      "/organization-integrations-attention": {
        get: { summary: "How many integrations need attention (see ?attention=1 on the list)", parameters: queryParameters(ZOrgQuery), responses: { 200: ok("{ count }"), ...errors(400, 401, 403) } },
      },
      "/me": { get: { summary: "The caller and their organizations", responses: { 200: ok("{ kind, user, organizations }"), ...errors(401) } } },
      ...messengerOpenApiPaths(),
      ...oauthOpenApiPaths(),
      ...memberOpenApiPaths(),
    },
  };
}
