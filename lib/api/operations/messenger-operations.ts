// The Messenger inbox endpoints, and Meta's webhook.
import { z } from "zod";
import {
  ZListConversationsQuery, ZListMessagesQuery, ZSendFileFields, ZSendMessage, ZWebhookLogQuery, ZWebhookOrgQuery, ZWebhookVerifyQuery,
} from "@/lib/validations/messenger";
import {
  ZConversationPage, ZConversationResponse, ZMessagePage, ZSendResult, ZWebhookLogResponse,
} from "@/lib/validations/messenger-response";
import type { TApiOperation } from "./define-operation";

const sendFileForm = {
  ...z.toJSONSchema(ZSendFileFields, { io: "input", unrepresentable: "any" }),
  $schema: undefined,
};
sendFileForm.properties = { ...sendFileForm.properties, file: { type: "string", format: "binary" } };

export const messengerOperations: TApiOperation[] = [
  {
    method: "get",
    path: "/organization-integration/{integration_id}/messages",
    operationId: "listMessages",
    tag: "Messenger",
    summary: "Messenger messages, newest first; next page with before=<next_before>; psid narrows to one thread",
    query: ZListMessagesQuery,
    responses: { 200: ZMessagePage },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/organization-integration/{integration_id}/messages",
    operationId: "sendMessage",
    tag: "Messenger",
    summary: "Reply through Meta's Send API",
    description:
      "RESPONSE within 24 h of the person's last message, or tag HUMAN_AGENT (asked for) up to 7 days; outside that 409 and Meta is not " +
      "called. Stored before Meta is called; 201 with sent.status sent, failed (error_code, error_message) or pending (retry scheduled). " +
      "multipart/form-data: recipient_id, text?, tag?, one file (≤ 25 MB, images ≤ 8 MB, else 413); a text and a file go as two messages (`messages`).",
    body: ZSendMessage,
    bodyExample: { recipient_id: "1234567890123456", text: "Thanks, we are on it." },
    multipart: sendFileForm,
    responses: { 201: ZSendResult },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: "/organization-integration/{integration_id}/messages/{message_id}/retry",
    operationId: "retryMessage",
    tag: "Messenger",
    summary: "Send a failed reply again (same message); 409 when it is not failed or the window/token forbids it now",
    responses: { 201: ZSendResult },
    errors: [400, 404, 409],
  },
  {
    method: "get",
    path: "/organization-integration/{integration_id}/conversations",
    operationId: "listConversations",
    tag: "Messenger",
    summary: "One conversation per person (PSID), most recently active first; next page with before=<next_before>",
    query: ZListConversationsQuery,
    responses: { 200: ZConversationPage },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/organization-integration/{integration_id}/conversations/{psid}/read",
    operationId: "markConversationRead",
    tag: "Messenger",
    summary: "Marks the conversation read for the team (unread_count 0); needs write access, since the read state is shared",
    responses: { 200: ZConversationResponse },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/organization-integration/{integration_id}/events",
    operationId: "streamInboxEvents",
    tag: "Messenger",
    summary: "The inbox's live stream (Server-Sent Events); resumes after Last-Event-ID (header) or last_event_id (query)",
    responses: {
      200: { contentType: "text/event-stream", description: "Events as they happen", schema: { type: "string" } },
    },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/organization-integration/{integration_id}/attachments/{attachment_id}",
    operationId: "getAttachment",
    tag: "Messenger",
    summary:
      "A kept attachment's bytes (the `url` of a stored attachment): its own Content-Type, nosniff, a sandbox CSP; Range gives 206; pending or unavailable is 404",
    responses: {
      200: { contentType: "", description: "The file, with its own Content-Type", schema: { type: "string", format: "binary" } },
      206: { contentType: "", description: "The requested byte range", schema: { type: "string", format: "binary" } },
      304: { contentType: "", description: "Not modified (If-None-Match named this file)" },
    },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/organization-integration/{integration_id}/webhook-log",
    operationId: "listWebhookLog",
    tag: "Messenger",
    summary: "What Meta delivered lately and what became of it (newest 200 kept)",
    query: ZWebhookLogQuery,
    responses: { 200: ZWebhookLogResponse },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/webhook",
    operationId: "verifyWebhook",
    tag: "Webhook",
    summary: "Meta's subscription check: answers hub.challenge as text when hub.verify_token is one of the org's",
    isPublic: true,
    query: ZWebhookVerifyQuery,
    responses: { 200: { contentType: "text/plain", description: "The challenge", schema: { type: "string" } } },
    errors: [403, 429],
  },
  {
    method: "post",
    path: "/webhook",
    operationId: "receiveWebhook",
    tag: "Webhook",
    summary: "Meta's webhook deliveries, signed with X-Hub-Signature-256; stored before the 200 EVENT_RECEIVED",
    description: "Unsigned or forged: 401, unless the integration set config.accept_unsigned_events.",
    isPublic: true,
    query: ZWebhookOrgQuery,
    responses: { 200: { contentType: "text/plain", description: "EVENT_RECEIVED", schema: { type: "string" } } },
    errors: [400, 401, 404, 413, 429],
  },
];
