// Provider calls carry decrypted credentials to an address an admin typed in. Unless the operator allows it, they
// may not go to this machine, the private network or cloud metadata endpoints (SSRF).
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { AppError } from "@/lib/api/errors";
import { serverEnv } from "@/lib/config/server-env";

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [["::", 127], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8]] as const) {
  privateRanges.addSubnet(network, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const mappedIpv4 = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1];
  if (mappedIpv4) return privateRanges.check(mappedIpv4, "ipv4");
  return privateRanges.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

/** Throws 400 when `url` resolves to a private or local address (unless PROVIDER_ALLOW_PRIVATE_HOSTS is set). */
export async function assertPublicDestination(provider: string, url: string) {
  if (serverEnv().PROVIDER_ALLOW_PRIVATE_HOSTS) return;
  const hostname = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(hostname) ? [hostname] : (await lookup(hostname, { all: true })).map((entry) => entry.address);
  } catch {
    throw new AppError("bad_gateway", `${provider} could not be reached (${hostname} does not resolve)`);
  }
  if (addresses.some(isPrivateAddress)) {
    throw new AppError(
      "bad_request",
      `${provider}: ${hostname} is a private or local network address; credentials are only sent to public hosts (an operator can allow private ones with PROVIDER_ALLOW_PRIVATE_HOSTS=1)`,
    );
  }
}
