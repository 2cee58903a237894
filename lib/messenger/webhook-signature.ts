// Meta signs each webhook delivery with the App Secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body)>`.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/** True when the header has the shape of a signature (`sha256=` and 64 hex digits); anything else counts as unsigned. */
export function hasSignatureShape(header: string | null): boolean {
  return header !== null && SIGNATURE_PATTERN.test(header.trim());
}

/** True when the header is a valid signature of exactly these bytes; compared in constant time. */
export function isValidWebhookSignature(rawBody: Uint8Array, header: string | null, appSecret: string): boolean {
  const match = header ? SIGNATURE_PATTERN.exec(header.trim()) : null;
  if (!match) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], "hex"));
}

export function signWebhookBody(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

/** Constant-time equality of two strings of any length (hashing first removes the length leak of timingSafeEqual). */
export function tokensEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}
