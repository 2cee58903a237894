/**
 * Only same-site paths: a crafted link must not send people elsewhere after they sign in. Browsers read "/\\evil"
 * and paths with tabs or newlines as another host, so anything but a plain path resolving to this origin is refused.
 */
export function safeReturnPath(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path || !path.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(path)) return "/";
  const base = "http://same-origin.invalid";
  const resolved = new URL(path, base);
  return resolved.origin === base ? `${resolved.pathname}${resolved.search}${resolved.hash}` : "/";
}
