// The body of POST …/messages: JSON `{recipient_id, text, tag?}`, or multipart/form-data with `recipient_id`, an
// optional `text`, `tag` and one `file`. Multipart may be up to 25 MB (Meta's limit for files), JSON stays at 1 MB.
import { AppError, badRequest } from "@/lib/errors";
import { MAX_BODY_BYTES, parseWith, readBodyBytes, readJson } from "./parse";
import {
  MAX_REPLY_FILE_BYTES,
  outboundAttachmentType,
  replyFileTooLarge,
  ZSendFileFields,
  ZSendMessage,
} from "@/lib/validations/messenger";
import { normalizeMimeType, safeFileName } from "@/lib/messenger/attachments/file-metadata";
import type { ReplyFile, SendInput } from "@/lib/messenger/send/send-input";

// Room for the text fields and the multipart framing around a file of the largest size.
const MAX_MULTIPART_BYTES = MAX_REPLY_FILE_BYTES + MAX_BODY_BYTES;

async function readForm(request: Request, contentType: string): Promise<FormData> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(request, MAX_MULTIPART_BYTES);
  } catch (error) {
    if (error instanceof AppError && error.code === "payload_too_large") {
      throw new AppError("payload_too_large", "The file is larger than 25 MB, Messenger's limit for attachments");
    }
    throw error;
  }
  try {
    return await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw badRequest("Request body is not valid multipart/form-data");
  }
}

async function readFile(value: File): Promise<ReplyFile> {
  const mimeType = normalizeMimeType(value.type);
  if (value.size === 0) throw badRequest("file is empty");
  const tooLarge = replyFileTooLarge({ size: value.size, type: mimeType });
  if (tooLarge) throw new AppError("payload_too_large", tooLarge);
  return {
    type: outboundAttachmentType(mimeType),
    name: safeFileName(value.name) ?? "file",
    mimeType,
    data: new Uint8Array(await value.arrayBuffer()),
  };
}

async function readMultipart(request: Request, contentType: string): Promise<{ input: SendInput; file: ReplyFile }> {
  const form = await readForm(request, contentType);
  const fields = new Map<string, string>();
  let file: File | null = null;
  for (const [name, value] of form.entries()) {
    if (fields.has(name) || (name === "file" && file))
      throw badRequest(name === "file" ? "Send one file per message" : `${name} is given more than once`);
    if (name === "file") {
      if (typeof value === "string") throw badRequest("file must be a file upload");
      file = value;
    } else if (typeof value !== "string") {
      throw badRequest(`${name} must be a text field`);
    } else if (value.includes("\u0000")) {
      // PostgreSQL refuses NUL in text: the JSON body is checked the same way (parseJsonText).
      throw badRequest(`${name} must not contain NUL (\\u0000) characters`);
    } else {
      fields.set(name, value);
    }
  }
  const input = parseWith(ZSendFileFields, Object.fromEntries(fields));
  if (!file) throw badRequest("file is required in a multipart reply (send JSON {recipient_id, text} for text only)");
  return { input, file: await readFile(file) };
}

export async function readSendInput(request: Request): Promise<{ input: SendInput; file: ReplyFile | null }> {
  const contentType = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data\s*;/i.test(contentType)) return readMultipart(request, contentType);
  return { input: parseWith(ZSendMessage, await readJson(request)), file: null };
}
