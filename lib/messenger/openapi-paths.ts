// The Messenger endpoints in the OpenAPI document (lib/api/openapi.ts spreads these into its paths), described
// from the same zod schemas the handlers validate with.
import { z } from "zod";
import {
  ZListConversationsQuery, ZListMessagesQuery, ZSendMessage, ZWebhookLogQuery,
} from "@/lib/validations/messenger";

const jsonSchema = (schema: z.ZodType) => {
  const described = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete described.$schema;
  return described;
};
const errorBody = { "application/json": { schema: { type: "object", properties: { error: { type: "string" } }, required: ["error"] } } };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, { description: "Error", content: errorBody }]));
const ok = (description: string) => ({ description, content: { "application/json": { schema: { type: "object" } } } });
const integrationId = { name: "integration_id", in: "path", required: true, schema: { type: "string", format: "uuid" } };

function query(schema: z.ZodObject) {
  const described = jsonSchema(schema) as { properties: Record<string, object>; required?: string[] };
  return Object.entries(described.properties).map(([name, property]) => ({ name, in: "query", required: false, schema: property }));
}

export function messengerOpenApiPaths() {
  return {
    "/organization-integration/{integration_id}/messages": {
      get: {
        summary: "Messenger messages, newest first; next page with before=<next_before>; psid narrows to one thread",
        parameters: [integrationId, ...query(ZListMessagesQuery)],
        responses: { 200: ok("{ messages: [...], next_before }"), ...errors(400, 401, 404) },
      },
      post: {
        summary: "Reply through Meta's Send API (messaging_type RESPONSE); Meta's refusals are 502",
        parameters: [integrationId],
        requestBody: { required: true, content: { "application/json": { schema: jsonSchema(ZSendMessage) } } },
        responses: { 201: ok("{ message, sent }"), ...errors(400, 401, 403, 404, 409, 502) },
      },
    },
    "/organization-integration/{integration_id}/conversations": {
      get: {
        summary: "One conversation per person (PSID) with its last message, most recent first",
        parameters: [integrationId, ...query(ZListConversationsQuery)],
        responses: { 200: ok("{ conversations: [...] }"), ...errors(400, 401, 404) },
      },
    },
    "/organization-integration/{integration_id}/webhook-log": {
      get: {
        summary: "What Meta delivered lately and what became of it (newest 200 kept)",
        parameters: [integrationId, ...query(ZWebhookLogQuery)],
        responses: { 200: ok("{ deliveries: [...] }"), ...errors(400, 401, 404) },
      },
    },
    "/organization-integration/{integration_id}/test": {
      post: {
        summary: "Test connection: one authenticated call to the provider; a refusal is 200 { ok: false, error }",
        parameters: [integrationId],
        responses: { 200: ok("{ ok: true, details } | { ok: false, error }"), ...errors(400, 401, 403, 404) },
      },
    },
    "/webhook": {
      get: {
        summary: "Meta's subscription check: answers hub.challenge as text when hub.verify_token is one of the org's",
        security: [],
        parameters: ["org_id", "hub.mode", "hub.verify_token", "hub.challenge"].map((name) => ({ name, in: "query", required: true, schema: { type: "string" } })),
        responses: { 200: { description: "The challenge", content: { "text/plain": { schema: { type: "string" } } } }, ...errors(403) },
      },
      post: {
        summary:
          "Meta's webhook deliveries, signed with X-Hub-Signature-256 (unsigned or forged: 401, unless the integration set config.accept_unsigned_events); stored before the 200 EVENT_RECEIVED",
        security: [],
        parameters: [{ name: "org_id", in: "query", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { 200: { description: "EVENT_RECEIVED", content: { "text/plain": { schema: { type: "string" } } } }, ...errors(400, 401, 404, 413, 429, 503) },
      },
    },
  };
}
