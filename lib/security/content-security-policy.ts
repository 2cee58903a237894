// The response-header policies, in one place for proxy.ts (pages, per request) and next.config.ts (everything else).
// No "server-only" import: next.config.ts loads this file outside the bundler.

/** For JSON and the webhook: nothing in such a response may load or run anything, nor be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** For kept Messenger attachments (files people sent): opened on their own, they load nothing and run nothing. */
export const ATTACHMENT_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

/**
 * Two years, subdomains included. Browsers only honour it on an https response, so sending it on every production
 * response is harmless on plain http and correct behind a TLS-terminating proxy (where this server itself sees http).
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** 128 random bits, base64: unguessable, and fresh for every page response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Pages whose own code sets style attributes, which no nonce can cover: the API reference (Scalar's Vue components
 * write `style="…"`). Scripts stay nonce-only there too; inline styles can restyle that page, never run anything, and
 * it shows only the public API document.
 */
export const PAGES_WITH_INLINE_STYLES = new Set(["/docs/api"]);

/**
 * The policy of an HTML page (Next's documented nonce pattern). Next reads the nonce from this header on the request
 * and puts it on every inline script and style it writes; its chunks load from 'self'. Any other inline script, inline
 * handler or javascript: URL is refused, whether it came in through the HTML or through the DOM.
 * Unlike Next's example, no 'strict-dynamic': every script of this app is same-origin, so it is not needed, and in
 * Chromium it would let any running script add inline scripts (measured: a script element built by code ran under it,
 * and is refused without it). Development only adds what React's dev build and Next's error overlay need: eval for
 * server stack traces, inline styles for the overlay. No 'upgrade-insecure-requests': every source is 'self', so
 * there is nothing on http to upgrade, and it would break the app on plain-http localhost.
 */
export function pageContentSecurityPolicy(options: {
  nonce: string;
  isDevelopment: boolean;
  allowsInlineStyles?: boolean;
}): string {
  const { nonce, isDevelopment } = options;
  const inlineStyles = isDevelopment || options.allowsInlineStyles;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${inlineStyles ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
