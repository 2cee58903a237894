// Meta's Send API for the fake Graph server (fake-graph-server.ts wires it in): POST /{me|page-id}/messages as JSON or
// as multipart/form-data with a `filedata` part, with Meta's checks (messaging_type, tags, text length, attachment
// type, 25 MB), its answers ({recipient_id, message_id[, attachment_id]}) and its error bodies, plus what tests need
// to script: recipients Meta refuses, failures for the next sends (with Retry-After), and a hook that runs before
// Meta answers (to deliver the echo first, as Meta sometimes does).
import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { graphError } from "./fake-graph-errors";
import { sendJson, type RecordedRequest } from "./fake-http-server";

export type FakeSentAttachment = {
  type: string;
  isReusable: boolean;
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
};

export type FakeSentMessage = {
  recipient: string;
  text: string | null;
  messagingType: string;
  tag: string | null;
  metadata: string | null;
  messageId: string;
  attachment: FakeSentAttachment | null;
};

export type FakeSendFailure = {
  code: number;
  subcode?: number;
  message?: string;
  status?: number;
  retryAfter?: string;
};

export type FakeGraphSendApi = {
  /** PSIDs the Send API refuses: 551 (unavailable) or 10/2018278 (outside the 24 h window). */
  unavailableRecipients: Set<string>;
  outsideWindowRecipients: Set<string>;
  sentMessages: (token: string) => FakeSentMessage[];
  /** The next `times` sends to this person answer Meta's error instead (HTTP 400 unless `status`). */
  failSends: (recipient: string, failure: FakeSendFailure, times?: number) => void;
  /** Runs after a message is "sent" and before Meta answers; null to stop. */
  beforeSendAnswer: (hook: ((message: FakeSentMessage, token: string) => Promise<void>) | null) => void;
};

const MAX_FILE_BYTES = 25 * 1024 * 1024;
const MESSAGING_TYPES = new Set(["RESPONSE", "UPDATE", "MESSAGE_TAG"]);
const ATTACHMENT_TYPES = new Set(["image", "video", "audio", "file"]);

// Meta's wording for the codes tests script.
const META_MESSAGES: Record<number, string> = {
  2: "An unexpected error has occurred. Please retry your request later.",
  4: "(#4) Application request limit reached",
  10: "(#10) This message is sent outside of allowed window.",
  190: "Error validating access token: The session has been invalidated because the user changed their password.",
  200: "(#200) Requires pages_messaging permission to manage the object",
  230: "(#230) Requires pages_messaging_subscriptions permission to manage the object",
  551: "(#551) This person isn't available right now.",
  613: "(#613) Calls to this api have exceeded the rate limit.",
};

const invalid = (message: string) => graphError(`(#100) ${message}`, 100);

type SendParams = {
  recipient?: { id?: string };
  messaging_type?: string;
  tag?: string;
  message?: { text?: string; metadata?: string; attachment?: { type?: string; payload?: { is_reusable?: boolean } } };
};
type Parsed = { params: SendParams; file: File | null } | { error: ReturnType<typeof graphError> };

const json = (value: FormDataEntryValue | null) => (typeof value === "string" ? JSON.parse(value) : undefined);

async function parseRequest(request: RecordedRequest): Promise<Parsed> {
  const contentType = String(request.headers["content-type"] ?? "");
  try {
    if (!contentType.startsWith("multipart/form-data")) return { params: JSON.parse(request.body), file: null };
    const form = await new Response(new Uint8Array(request.rawBody), {
      headers: { "content-type": contentType },
    }).formData();
    const filedata = form.get("filedata");
    return {
      params: {
        recipient: json(form.get("recipient")),
        messaging_type: (form.get("messaging_type") as string | null) ?? undefined,
        tag: (form.get("tag") as string | null) ?? undefined,
        message: json(form.get("message")),
      },
      file: filedata && typeof filedata !== "string" ? filedata : null,
    };
  } catch {
    return { error: invalid("Invalid parameter: the body could not be parsed") };
  }
}

function checkParams(params: SendParams, file: File | null) {
  if (!params.recipient?.id) return invalid("The parameter recipient is required");
  if (!params.messaging_type) return invalid("The parameter messaging_type is required");
  if (!MESSAGING_TYPES.has(params.messaging_type))
    return invalid(`Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}`);
  if (params.messaging_type === "MESSAGE_TAG" && !params.tag)
    return invalid("The parameter tag is required with messaging_type MESSAGE_TAG");
  if (params.tag && params.tag !== "HUMAN_AGENT") return invalid(`Tag ${params.tag} is not supported`);
  const { text, attachment } = params.message ?? {};
  if (attachment) {
    if (!ATTACHMENT_TYPES.has(attachment.type ?? ""))
      return invalid("Param message[attachment][type] must be one of {image, audio, video, file, template}");
    if (!file) return invalid("Upload attachment failure: filedata is required when the attachment has no url");
    if (file.size > MAX_FILE_BYTES) return invalid("Upload attachment failure: the file is larger than 25 MB");
    if (text !== undefined) return invalid("Only one of text or attachment can be specified");
    return null;
  }
  if (typeof text !== "string" || text.length > 2000)
    return invalid("Length of param message[text] must be less than or equal to 2000");
  return null;
}

export function fakeGraphSend() {
  const sent = new Map<string, FakeSentMessage[]>();
  const unavailableRecipients = new Set<string>();
  const outsideWindowRecipients = new Set<string>();
  const scripted = new Map<string, FakeSendFailure[]>();
  let hook: ((message: FakeSentMessage, token: string) => Promise<void>) | null = null;

  function refusal(recipient: string): { status: number; body: unknown; retryAfter?: string } | null {
    const next = scripted.get(recipient)?.shift();
    if (next)
      return {
        status: next.status ?? 400,
        body: graphError(next.message ?? META_MESSAGES[next.code] ?? `(#${next.code}) Error`, next.code, next.subcode),
        retryAfter: next.retryAfter,
      };
    if (unavailableRecipients.has(recipient))
      return { status: 400, body: graphError(META_MESSAGES[551], 551, 1545041) };
    if (outsideWindowRecipients.has(recipient))
      return { status: 400, body: graphError(META_MESSAGES[10], 10, 2018278) };
    return null;
  }

  /** `pagePath` is the path's `me` or page id; the token was already checked by the server. */
  async function handle(
    request: RecordedRequest,
    response: ServerResponse,
    pagePath: string,
    token: string,
    pageId: string,
  ) {
    if (pagePath !== "me" && pagePath !== pageId)
      return sendJson(response, 400, invalid("Param recipient is not valid for this page"));
    const parsed = await parseRequest(request);
    if ("error" in parsed) return sendJson(response, 400, parsed.error);
    const { params, file } = parsed;
    const problem = checkParams(params, file);
    if (problem) return sendJson(response, 400, problem);
    const recipient = params.recipient!.id!;
    const refused = refusal(recipient);
    if (refused) {
      if (refused.retryAfter) response.setHeader("retry-after", refused.retryAfter);
      return sendJson(response, refused.status, refused.body);
    }
    const attachment = params.message?.attachment;
    const bytes = file ? Buffer.from(await file.arrayBuffer()) : null;
    const message: FakeSentMessage = {
      recipient,
      text: params.message?.text ?? null,
      messagingType: params.messaging_type!,
      tag: params.tag ?? null,
      metadata: params.message?.metadata ?? null,
      messageId: `m_${randomBytes(18).toString("base64url")}`,
      attachment:
        attachment && file && bytes
          ? {
              type: attachment.type!,
              isReusable: attachment.payload?.is_reusable === true,
              filename: file.name || null,
              contentType: file.type,
              size: bytes.byteLength,
              sha256: createHash("sha256").update(bytes).digest("hex"),
            }
          : null,
    };
    sent.set(token, [...(sent.get(token) ?? []), message]);
    if (hook) await hook(message, token);
    const attachmentId = message.attachment?.isReusable ? { attachment_id: String(Date.now()) } : {};
    return sendJson(response, 200, { recipient_id: recipient, message_id: message.messageId, ...attachmentId });
  }

  const api: FakeGraphSendApi = {
    unavailableRecipients,
    outsideWindowRecipients,
    sentMessages: (token) => sent.get(token) ?? [],
    failSends: (recipient, failure, times = 1) =>
      scripted.set(recipient, [...(scripted.get(recipient) ?? []), ...Array.from({ length: times }, () => failure)]),
    beforeSendAnswer: (next) => {
      hook = next;
    },
  };
  return { handle, api };
}
