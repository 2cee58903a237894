// How an attachment appears in the message JSON: where this server serves its bytes (once they are kept), or why
// there are none. Meta's own CDN link is never shown: it expires, and the point is not to depend on it.
import type { MessengerAttachment, Prisma } from "@/lib/generated/prisma/client";
import type { TMessengerAttachment } from "@/lib/validations/messenger-response";
import { DOWNLOADABLE_TYPES, planAttachments } from "./attachment-plan";

export type AttachmentSummary = Omit<MessengerAttachment, "data">;
export type AttachmentStatus = "pending" | "stored" | "unavailable";

/** Prisma `include` for every query whose messages are serialized: the attachment rows, never their bytes. */
export const ATTACHMENT_SUMMARIES = {
  storedAttachments: { omit: { data: true } },
} as const satisfies Prisma.MessengerMessageInclude;

/**
 * Relative on purpose: the admin UI loads it from its own origin (the page's CSP allows 'self' only, and the
 * session cookie goes with it), and API clients already prefix every path with the address they call us at —
 * which need not be PUBLIC_BASE_URL, the address Meta uses for webhooks.
 */
export function attachmentPath(integrationId: string, attachmentId: string): string {
  return `/organization-integration/${integrationId}/attachments/${attachmentId}`;
}

const isFileType = (type: string) => DOWNLOADABLE_TYPES.has(type) || type === "avatar";

export function toAttachmentJson(row: AttachmentSummary): TMessengerAttachment {
  return {
    id: row.id,
    type: row.type,
    status: row.status as AttachmentStatus,
    url: row.status === "stored" ? attachmentPath(row.integrationId, row.id) : null,
    mime_type: row.mimeType,
    size: row.size,
    name: row.name,
    /** Why there is no file (unavailable only). */
    error: row.status === "unavailable" ? row.error : null,
    /** What a shared link (fallback) points to; null for files. */
    link: isFileType(row.type) ? null : row.sourceUrl,
  };
}

export type AttachmentJson = TMessengerAttachment;

export function attachmentsJson(message: {
  attachments: Prisma.JsonValue | null;
  storedAttachments: AttachmentSummary[];
}): AttachmentJson[] {
  if (message.storedAttachments.length) {
    return [...message.storedAttachments].sort((a, b) => a.position - b.position).map(toAttachmentJson);
  }
  // Messages stored before the app kept attachments have only Meta's list, whose links have long expired.
  return planAttachments(message.attachments).map((planned) => ({
    id: null,
    type: planned.type,
    status: "unavailable" as const,
    url: null,
    mime_type: null,
    size: null,
    name: planned.name,
    error: planned.status === "pending" ? "Received before this app kept attachments" : planned.error,
    link: isFileType(planned.type) ? null : planned.sourceUrl,
  }));
}
