// Which address a request came from, for per-client rate limits. Next.js gives route handlers no socket address: it
// only fills X-Forwarded-For with the socket address when the request arrived without one, and otherwise passes on
// whatever the client wrote. So the header is read from the right, past exactly as many entries as our own proxies
// appended (TRUSTED_PROXY_HOPS); everything further left was written by the client and proves nothing.
const MAX_ADDRESS_LENGTH = 64;

/**
 * hops = 0: no proxy of ours — the last entry (the socket address Next filled in, unless the client sent the header
 * itself; see README). hops = N: the Nth entry from the right, the address our outermost proxy saw. With fewer
 * entries than that, the leftmost one: only our proxies wrote there.
 */
export function clientAddressFrom(forwardedFor: string | null, trustedProxyHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!entries.length) return "unknown";
  const index = Math.max(0, entries.length - Math.max(1, trustedProxyHops));
  // Keys for the limiter store: bounded, whatever the header carried; an IPv4-mapped IPv6 address counts as the IPv4.
  return entries[index]
    .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "")
    .toLowerCase()
    .slice(0, MAX_ADDRESS_LENGTH);
}
