// The HTTP answer for a kept file. Whatever the file holds, a browser must not run it as a page of this origin: the
// type is the one we stored (never sniffed), the CSP sandboxes it and lets it load nothing, and anything but a
// picture, a sound or a video is a download. Cached by the reader's own browser only (private): it was fetched
// with their credentials. The id never changes its bytes, so it is the ETag. In production Next keeps the headers
// of next.config.ts over these where both set one (the CSP: next.config.ts sets this same policy for this path) and
// drops Content-Length from every route handler's answer (its send-response.ts); tests call the handler directly.
import { ATTACHMENT_CONTENT_SECURITY_POLICY } from "@/lib/security/content-security-policy";
import { contentDisposition } from "./file-metadata";
import type { OpenedAttachment } from "./open-attachment";

export function attachmentResponse(file: OpenedAttachment, ifNoneMatch: string | null): Response {
  const etag = `"${file.id}"`;
  const headers = new Headers({
    "Content-Type": file.mimeType,
    "Content-Disposition": contentDisposition(file.mimeType, file.name),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": ATTACHMENT_CONTENT_SECURITY_POLICY,
    // Other sites cannot embed it with the reader's cookies; CORS requests from allowed origins are not affected.
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, max-age=3600",
    "Accept-Ranges": "bytes",
    ETag: etag,
  });
  if (ifNoneMatch?.split(",").some((tag) => tag.trim() === etag)) {
    void file.body.cancel();
    return new Response(null, { status: 304, headers });
  }
  if (!file.range) {
    headers.set("Content-Length", String(file.size));
    return new Response(file.body, { status: 200, headers });
  }
  headers.set("Content-Length", String(file.range.end - file.range.start + 1));
  headers.set("Content-Range", `bytes ${file.range.start}-${file.range.end}/${file.size}`);
  return new Response(file.body, { status: 206, headers });
}
