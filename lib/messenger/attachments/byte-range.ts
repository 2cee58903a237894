// One `Range: bytes=…` request header, as browsers send it to seek in audio and video. Anything we do not serve as a
// slice (several ranges, another unit, a range past the end) gets the whole file instead — RFC 9110 lets a server
// ignore Range — so no request is refused for its Range header.

/** Inclusive start and end, as Content-Range writes them. */
export type ByteRange = { start: number; end: number };

export function parseByteRange(header: string | null | undefined, size: number): ByteRange | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? "").trim());
  if (!match || size <= 0 || (!match[1] && !match[2])) return null;
  if (!match[1]) {
    // The last N bytes.
    const length = Math.min(Number(match[2]), size);
    return length > 0 ? { start: size - length, end: size - 1 } : null;
  }
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return start < size && start <= end ? { start, end } : null;
}
