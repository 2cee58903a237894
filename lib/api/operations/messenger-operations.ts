// The Messenger inbox endpoints, and Meta's webhook.
import { z } from "zod";
import {
  ZListConversationsQuery,
  ZListMessagesQuery,
  ZSendFileFields,
  ZSendMessage,
  ZWebhookLogQuery,
  ZWebhookOrgQuery,
  ZWebhookVerifyQuery,
} from "@/lib/validations/messenger";
import {
  ZConversationPage,
  ZConversationResponse,
  ZMessagePage,
  ZSendResult,
  ZWebhookLogResponse,
} from "@/lib/validations/messenger-response";
import { operationsTagged, type TApiOperation } from "./define-operation";

const sendFileForm = {
  ...z.toJSONSchema(ZSendFileFields, { io: "input", unrepresentable: "any" }),
  $schema: undefined,
};
sendFileForm.properties = { ...sendFileForm.properties, file: { type: "string", format: "binary" } };

const messenger = operationsTagged("Messenger");
const webhook = operationsTagged("Webhook");
const INTEGRATION = "/organization-integration/{integration_id}";
const plainText = (description: string) => ({ contentType: "text/plain", description, schema: { type: "string" } });
const fileBytes = (description: string) => ({
  contentType: "",
  description,
  schema: { type: "string", format: "binary" },
});

export const messengerOperations: TApiOperation[] = [
  messenger.getWithQuery(
    `${INTEGRATION}/messages`,
    "listMessages",
    ZListMessagesQuery,
    ZMessagePage,
    "Messenger messages, newest first; next page with before=<next_before>; psid narrows to one thread",
    [400, 404],
  ),
  messenger.post(
    `${INTEGRATION}/messages`,
    "sendMessage",
    {
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
    "Reply through Meta's Send API",
  ),
  messenger.post(
    `${INTEGRATION}/messages/{message_id}/retry`,
    "retryMessage",
    { responses: { 201: ZSendResult }, errors: [400, 404, 409] },
    "Send a failed reply again (same message); 409 when it is not failed or the window/token forbids it now",
  ),
  messenger.getWithQuery(
    `${INTEGRATION}/conversations`,
    "listConversations",
    ZListConversationsQuery,
    ZConversationPage,
    "One conversation per person (PSID), most recently active first; next page with before=<next_before>",
    [400, 404],
  ),
  messenger.post(
    `${INTEGRATION}/conversations/{psid}/read`,
    "markConversationRead",
    { responses: { 200: ZConversationResponse }, errors: [400, 404] },
    "Marks the conversation read for the team (unread_count 0); needs write access, since the read state is shared",
  ),
  messenger.get(
    `${INTEGRATION}/events`,
    "streamInboxEvents",
    {
      responses: {
        200: { contentType: "text/event-stream", description: "Events as they happen", schema: { type: "string" } },
      },
      errors: [400, 404],
    },
    "The inbox's live stream (Server-Sent Events); resumes after Last-Event-ID (header) or last_event_id (query)",
  ),
  messenger.get(
    `${INTEGRATION}/attachments/{attachment_id}`,
    "getAttachment",
    {
      responses: {
        200: fileBytes("The file, with its own Content-Type"),
        206: fileBytes("The requested byte range"),
        304: { contentType: "", description: "Not modified (If-None-Match named this file)" },
      },
      errors: [400, 404],
    },
    "A kept attachment's bytes (the `url` of a stored attachment): its own Content-Type, nosniff, a sandbox CSP; Range gives 206; pending or unavailable is 404",
  ),
  messenger.getWithQuery(
    `${INTEGRATION}/webhook-log`,
    "listWebhookLog",
    ZWebhookLogQuery,
    ZWebhookLogResponse,
    "What Meta delivered lately and what became of it (newest 200 kept)",
    [400, 404],
  ),
  webhook.get(
    "/webhook",
    "verifyWebhook",
    { isPublic: true, query: ZWebhookVerifyQuery, responses: { 200: plainText("The challenge") }, errors: [403, 429] },
    "Meta's subscription check: answers hub.challenge as text when hub.verify_token is one of the org's",
  ),
  webhook.post(
    "/webhook",
    "receiveWebhook",
    {
      description: "Unsigned or forged: 401, unless the integration set config.accept_unsigned_events.",
      isPublic: true,
      query: ZWebhookOrgQuery,
      responses: { 200: plainText("EVENT_RECEIVED") },
      errors: [400, 401, 404, 413, 429],
    },
    "Meta's webhook deliveries, signed with X-Hub-Signature-256; stored before the 200 EVENT_RECEIVED",
  ),
];
