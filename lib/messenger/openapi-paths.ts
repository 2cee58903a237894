// The Messenger endpoints in the OpenAPI document (lib/api/openapi.ts spreads these into its paths), described
// from the same zod schemas the handlers validate with.
import { z } from "zod";
import {
  ZListConversationsQuery, ZListMessagesQuery, ZSendFileFields, ZSendMessage, ZWebhookLogQuery,
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
        summary:
          "Reply through Meta's Send API: RESPONSE within 24 h of the person's last message, or tag HUMAN_AGENT (asked for) up to 7 days; " +
          "outside that 409 and Meta is not called. Stored before Meta is called; 201 with sent.status sent, failed (error_code, error_message) " +
          "or pending (retry scheduled). multipart/form-data: recipient_id, text?, tag?, one file (≤ 25 MB, images ≤ 8 MB, else 413); a text and a file go as two messages (`messages`)",
        parameters: [integrationId],
        requestBody: {
          required: true,
          content: {
            "application/json": { schema: jsonSchema(ZSendMessage) },
            "multipart/form-data": {
              schema: { ...jsonSchema(ZSendFileFields), properties: { ...(jsonSchema(ZSendFileFields).properties as object), file: { type: "string", format: "binary" } } },
            },
          },
        },
        responses: { 201: ok("{ message, sent, messages? }"), ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    "/organization-integration/{integration_id}/messages/{message_id}/retry": {
      post: {
        summary: "Send a failed reply again (same message); 409 when it is not failed or the window/token forbids it now, 404 when not a message of this integration",
        parameters: [integrationId, { name: "message_id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: { 201: ok("{ message, sent }"), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/organization-integration/{integration_id}/conversations": {
      get: {
        summary:
          "One conversation per person (PSID), most recently active first; next page with before=<next_before>. Each: psid, messages_count, " +
          "last_message_at, last_message, unread_count, name and avatar_url (null when Meta refuses the profile), window_closes_at, is_in_standby",
        parameters: [integrationId, ...query(ZListConversationsQuery)],
        responses: { 200: ok("{ conversations: [...], next_before }"), ...errors(400, 401, 404) },
      },
    },
    "/organization-integration/{integration_id}/conversations/{psid}/read": {
      post: {
        summary: "Marks the conversation read for the team (unread_count 0); needs write access, since the read state is shared",
        parameters: [integrationId, { name: "psid", in: "path", required: true, schema: { type: "string", pattern: "^\\d{1,64}$" } }],
        responses: { 200: ok("{ conversation }"), ...errors(400, 401, 403, 404) },
      },
    },
    "/organization-integration/{integration_id}/attachments/{attachment_id}": {
      get: {
        summary:
          "A kept attachment's bytes (the `url` of a stored attachment in the message JSON): its own Content-Type, nosniff, a sandbox CSP, a download unless image/video/audio; Range gives 206; pending or unavailable is 404",
        parameters: [integrationId, { name: "attachment_id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        responses: {
          200: { description: "The file", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
          206: { description: "The requested byte range" },
          ...errors(400, 401, 404),
        },
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
    "/organization-integration/{integration_id}/subscribe": {
      post: {
        summary:
          "Subscribe again: subscribes the Facebook Page to the app's webhook fields now (write access); Meta's refusal is 200 { ok: false, error, subscription }",
        parameters: [integrationId],
        responses: { 200: ok("{ ok, error?, subscription: { status, error, checked_at } }"), ...errors(400, 401, 403, 404, 409) },
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
