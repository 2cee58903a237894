// The OpenAPI 3.1 document, generated from the operation declarations (lib/api/operations/) and the zod schemas
// the handlers validate requests with and the serializers are typed by, so it cannot drift from what the server does.
import { z } from "zod";
import { apiSchemas, ZErrorResponse } from "@/lib/validations/api-schemas";
import { apiOperations } from "./operations/api-operations";
import {
  errorStatusesOf,
  isRawResponse,
  type TApiOperation,
  type TResponseDeclaration,
} from "./operations/define-operation";

type JsonSchema = Record<string, unknown>;

// Without "$schema"/"$id": OpenAPI 3.1 embeds JSON Schema 2020-12 already, and components are named by their key.
function withoutDialect(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema" && key !== "$id"));
}

const requestSchema = (schema: z.ZodType) =>
  withoutDialect(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema);

function componentRef(schema: z.ZodType): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error("A response schema must be named in lib/validations/api-schemas.ts (named(schema, { id }))");
  return { $ref: `#/components/schemas/${id}` };
}

function responseComponents(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: "any" });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutDialect(schema as JsonSchema)]));
}

const PATH_PARAMETER_SCHEMAS: Record<string, JsonSchema> = {
  psid: { type: "string", pattern: "^\\d{1,64}$" },
};

function parametersOf(operation: TApiOperation) {
  const pathParameters = [...operation.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: PATH_PARAMETER_SCHEMAS[name!] ?? { type: "string", format: "uuid" },
  }));
  if (!operation.query) return pathParameters;
  const described = requestSchema(operation.query) as { properties: Record<string, JsonSchema>; required?: string[] };
  const queryParameters = Object.entries(described.properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: described.required?.includes(name) ?? false,
    schema,
  }));
  return [...pathParameters, ...queryParameters];
}

function requestBodyOf(operation: TApiOperation) {
  if (!operation.body) return undefined;
  const json = {
    schema: requestSchema(operation.body),
    ...(operation.bodyExample ? { example: operation.bodyExample } : {}),
  };
  return {
    required: true,
    content: {
      "application/json": json,
      ...(operation.multipart ? { "multipart/form-data": { schema: operation.multipart } } : {}),
    },
  };
}

function responseOf(declaration: TResponseDeclaration) {
  if (isRawResponse(declaration)) {
    const contentType = declaration.contentType || "application/octet-stream";
    return {
      description: declaration.description,
      ...(declaration.schema ? { content: { [contentType]: { schema: declaration.schema } } } : {}),
    };
  }
  const meta = apiSchemas.get(declaration);
  return {
    description: meta?.description ?? meta?.id ?? "OK",
    content: { "application/json": { schema: componentRef(declaration) } },
  };
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Invalid input",
  401: "No valid API key or session",
  403: "Not allowed (role, organization, or a cross-site cookie)",
  404: "Not found",
  409: "Conflicts with the current state",
  413: "Body too large",
  429: "Too many requests (see Retry-After)",
  500: "Server error (no details)",
  503: "Database unavailable; retry shortly (see Retry-After)",
};

function operationObject(operation: TApiOperation) {
  const errorResponse = (status: number) => ({
    description: ERROR_DESCRIPTIONS[status] ?? "Error",
    content: { "application/json": { schema: componentRef(ZErrorResponse) } },
  });
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    ...(operation.isPublic ? { security: [] } : operation.isSessionOnly ? { security: [{ session: [] }] } : {}),
    parameters: parametersOf(operation),
    ...(operation.body ? { requestBody: requestBodyOf(operation) } : {}),
    responses: {
      ...Object.fromEntries(
        Object.entries(operation.responses).map(([status, declaration]) => [status, responseOf(declaration)]),
      ),
      ...Object.fromEntries(errorStatusesOf(operation).map((status) => [String(status), errorResponse(status)])),
    },
  };
}

function pathsOf(operations: readonly TApiOperation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  return paths;
}

const TAGS = [
  { name: "Integrations", description: "The guide's endpoints: list, read, create, update, toggle, delete" },
  { name: "Connections", description: "Checking an integration's credentials and its Facebook Page subscription" },
  {
    name: "Connect",
    description: '"Connect with …" / "Reconnect": OAuth sign-in with the provider (people signed in)',
  },
  {
    name: "Messenger",
    description: "A Facebook integration's inbox: conversations, messages, replies, files, live events",
  },
  { name: "API keys", description: "Keys for external frontends and scripts (owners and admins)" },
  { name: "Members", description: "Members, invites, first-run setup and password resets" },
  { name: "Account", description: "The caller, their password, and the audit log" },
  { name: "Webhook", description: "Meta's callback URL (not for API clients)" },
];

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Organization Integrations API",
      version: "1.0.0",
      description:
        "Manage an organization's third-party integrations and its Facebook Messenger inbox. Authenticate with an API key " +
        '(`Authorization: Bearer oik_…`) or, from the app itself, the session cookie. Errors are `{ "error": "<sentence>" }`.',
    },
    servers: [{ url: serverUrl }],
    tags: TAGS,
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key (oik_…) created by an org owner or admin" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The app's own pages (same origin only)",
        },
      },
      schemas: responseComponents(),
    },
    paths: pathsOf(apiOperations),
  };
}
