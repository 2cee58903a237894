// What we keep and send about a downloaded file: a MIME type we can trust to serve, a file name that cannot break out
// of a header or a path, and whether a browser may show it inline. Pure, so it is unit-tested on its own.

export const FALLBACK_MIME_TYPE = "application/octet-stream";

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

/** `type/subtype` from a Content-Type header, lower-cased and without parameters; anything odd is a plain binary. */
export function normalizeMimeType(header: string | null | undefined): string {
  const essence = (header ?? "").split(";")[0].trim().toLowerCase();
  return MIME_TYPE.test(essence) ? essence : FALLBACK_MIME_TYPE;
}

/**
 * Only pictures, sound and video are shown in the page; everything else is served as a download. SVG is an image
 * that can carry scripts and links, so it is a download too (the sandbox CSP would stop them, but a download is safer).
 */
export function isInlineMimeType(mimeType: string): boolean {
  if (mimeType === "image/svg+xml") return false;
  return /^(image|video|audio)\//.test(mimeType);
}

const MAX_NAME_LENGTH = 150;

/** A name safe in a header and on a disk: no control characters, quotes, slashes or leading dots; at most 150 characters. */
export function safeFileName(name: string | null | undefined): string | null {
  if (!name) return null;
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f"\\/]+/g, "_")
    .replace(/^[.\s]+/, "")
    .trim();
  if (!cleaned) return null;
  if (cleaned.length <= MAX_NAME_LENGTH) return cleaned;
  // Keep the extension: it is what tells a person (and their computer) what the file is.
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : "";
  return cleaned.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The last segment of the link's path: Meta's CDN links end in the file's name (…/123_n.jpg, …/Quote.pdf). */
export function fileNameFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const segments = new URL(url).pathname.split("/").filter(Boolean);
    return safeFileName(segments.length ? decodeOrKeep(segments[segments.length - 1]) : null);
  } catch {
    return null;
  }
}

/** `filename*=UTF-8''…` (RFC 6266/8187) wins over `filename="…"`. */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([\w!#$&+.^`|~-]+)'[\w-]*'([^;\s]+)/i.exec(header);
  if (extended && /^utf-8$/i.test(extended[1])) return safeFileName(decodeOrKeep(extended[2]));
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return safeFileName(quoted[1].replace(/\\(.)/g, "$1"));
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare ? safeFileName(bare[1]) : null;
}

/** How we serve a kept file: inline for pictures, sound and video, as a download otherwise; both with its name. */
export function contentDisposition(mimeType: string, name: string | null): string {
  const disposition = isInlineMimeType(mimeType) ? "inline" : "attachment";
  if (!name) return disposition;
  // ASCII for old clients, the exact name (RFC 8187) for the others.
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/[%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
