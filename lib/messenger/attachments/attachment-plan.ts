// Meta's `message.attachments` turned into the attachment rows we keep: which ones are files to download (image,
// video, audio, file, sticker) and which are not (a shared link — "fallback" — a template, a location…). Pure: the
// webhook's transaction only inserts what this returns.
import { z } from "zod";
import { fileNameFromUrl, safeFileName } from "./file-metadata";

/** Larger files are refused (marked unavailable): the Send API's own limit, and what one bytea row should hold. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export const DOWNLOADABLE_TYPES: ReadonlySet<string> = new Set(["image", "video", "audio", "file", "sticker"]);

// A message carries a handful; a payload with hundreds is not a message a person sent.
const MAX_ATTACHMENTS_PER_MESSAGE = 50;
const MAX_URL_LENGTH = 4096;

export type PlannedAttachment = {
  position: number;
  type: string;
  status: "pending" | "unavailable";
  sourceUrl: string | null;
  name: string | null;
  error: string | null;
};

const text = z.string().optional().catch(undefined);
const ZMetaAttachment = z.object({
  type: z.string(),
  payload: z
    .object({ url: text, title: text, sticker_id: z.union([z.string(), z.number()]).optional().catch(undefined) })
    .nullish()
    .catch(null),
  // Older webhook versions put a fallback's title and link beside the payload.
  title: text,
  url: text,
  URL: text,
});
type MetaAttachment = z.infer<typeof ZMetaAttachment>;

const webLink = (url: string | undefined) =>
  url && url.length <= MAX_URL_LENGTH && /^https?:\/\//i.test(url) ? url : null;

function typeOf(attachment: MetaAttachment): string {
  const type = /^[a-z_]{1,40}$/.test(attachment.type) ? attachment.type : "unknown";
  // Before webhook v6 (and during 2026's transition) a sticker came as an image with a sticker_id.
  return type === "image" && attachment.payload?.sticker_id !== undefined ? "sticker" : type;
}

function plan(attachment: MetaAttachment, position: number): PlannedAttachment {
  const type = typeOf(attachment);
  if (DOWNLOADABLE_TYPES.has(type)) {
    const url = webLink(attachment.payload?.url);
    if (!url)
      return {
        position,
        type,
        status: "unavailable",
        sourceUrl: null,
        name: null,
        error: "Meta sent no link to this file",
      };
    return { position, type, status: "pending", sourceUrl: url, name: fileNameFromUrl(url), error: null };
  }
  const link = webLink(attachment.payload?.url ?? attachment.url ?? attachment.URL);
  const title = safeFileName(attachment.payload?.title ?? attachment.title);
  const error = type === "fallback" ? "A shared link, not a file" : `Meta sends no file for ${type} attachments`;
  return { position, type, status: "unavailable", sourceUrl: link, name: title, error };
}

export function planAttachments(raw: unknown): PlannedAttachment[] {
  if (!Array.isArray(raw)) return [];
  const parsed = raw
    .slice(0, MAX_ATTACHMENTS_PER_MESSAGE)
    .map((item, position) => ({ position, attachment: ZMetaAttachment.safeParse(item).data }));
  // During the sticker transition Meta sends the same sticker twice, as `sticker` and as `image`: keep one.
  const stickerIds = new Set(
    parsed.flatMap(({ attachment }) =>
      attachment?.type === "sticker" && attachment.payload?.sticker_id !== undefined
        ? [String(attachment.payload.sticker_id)]
        : [],
    ),
  );
  return parsed.flatMap(({ attachment, position }) => {
    if (!attachment) return [];
    const isStickerTwin =
      attachment.type === "image" &&
      attachment.payload?.sticker_id !== undefined &&
      stickerIds.has(String(attachment.payload.sticker_id));
    return isStickerTwin ? [] : [plan(attachment, position)];
  });
}
