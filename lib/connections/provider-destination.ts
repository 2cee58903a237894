// Provider calls carry decrypted credentials to an address an admin typed in. They may not go to this machine, the
// private network or cloud metadata endpoints (SSRF) unless the operator allows it, and never in clear over the
// internet. The guarded connector (guarded-connector.ts) applies this to the very addresses it then connects to.
import { BlockList, isIP } from "node:net";
import { normalizeHostname, type PrivateHostsSetting } from "./private-hosts-setting";

function blockList(ipv4: [string, number][], ipv6: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ipv4) list.addSubnet(network, prefix, "ipv4");
  for (const [network, prefix] of ipv6) list.addSubnet(network, prefix, "ipv6");
  return list;
}

// IPv6 that reaches IPv4 through a translator or tunnel: the deprecated IPv4-compatible form (and with it :: and
// ::1), NAT64 (well-known and local-use), SIIT, 6to4, Teredo. Whatever IPv4 address they carry, a gateway decides
// where it lands, so none of them counts as a public destination.
const TRANSLATOR_RANGES: [string, number][] = [
  ["::", 96],
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["::ffff:0:0:0", 96],
  ["2002::", 16],
  ["2001::", 32],
];
const translatorRanges = blockList([], TRANSLATOR_RANGES);

const privateRanges = blockList(
  [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["192.88.99.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ],
  [
    ...TRANSLATOR_RANGES,
    ["100::", 64],
    ["2001:db8::", 32],
    ["fc00::", 7],
    ["fe80::", 10],
    ["fec0::", 10],
    ["ff00::", 8],
  ],
);

// Where clouds serve instance credentials (AWS, GCP, Azure, Oracle; ECS tasks; EKS Pod Identity; Alibaba; Tencent):
// never, whatever is allowed.
const METADATA_IPV4 = ["169.254.169.254", "169.254.170.2", "169.254.170.23", "100.100.100.200", "169.254.0.23"];
const metadataAddresses = new BlockList();
for (const address of METADATA_IPV4) metadataAddresses.addAddress(address, "ipv4");
for (const address of ["fd00:ec2::254", "fd00:ec2::23"]) metadataAddresses.addAddress(address, "ipv6");

/** The eight 16-bit words of an IPv6 address (with or without an embedded dotted IPv4 tail). */
function ipv6Words(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const parse = (part: string | undefined) => (part ? part.split(":").map((word) => parseInt(word, 16)) : []);
  const start = parse(head);
  const end = parse(tail);
  return tail === undefined ? start : [...start, ...new Array(8 - start.length - end.length).fill(0), ...end];
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join(".");

/** IPv4 addresses an IPv6 address may carry (mapped, compatible, NAT64 at every RFC 6052 length, 6to4, Teredo). */
function embeddedIpv4(address: string): string[] {
  const bytes = ipv6Words(address).flatMap((word) => [word >> 8, word & 255]);
  const at = (...indexes: number[]) => indexes.map((index) => bytes[index]).join(".");
  return [
    at(12, 13, 14, 15),
    at(2, 3, 4, 5),
    at(4, 5, 6, 7),
    at(5, 6, 7, 9),
    at(6, 7, 9, 10),
    at(7, 9, 10, 11),
    at(9, 10, 11, 12),
    bytes
      .slice(12)
      .map((byte) => byte ^ 255)
      .join("."),
  ];
}

/** Strips a zone ("fe80::1%eth0") and turns IPv4-mapped IPv6 into the IPv4 address it is. */
function canonical(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const bare = address.toLowerCase().split("%")[0];
  if (isIP(bare) === 4) return { address: bare, family: "ipv4" };
  const words = ipv6Words(bare);
  const isMapped = words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff;
  return isMapped ? { address: ipv4Of(words[6], words[7]), family: "ipv4" } : { address: bare, family: "ipv6" };
}

export function isPrivateAddress(address: string): boolean {
  const { address: ip, family } = canonical(address);
  return privateRanges.check(ip, family);
}

export function isCloudMetadataAddress(address: string): boolean {
  const { address: ip, family } = canonical(address);
  if (metadataAddresses.check(ip, family)) return true;
  return (
    family === "ipv6" &&
    translatorRanges.check(ip, "ipv6") &&
    embeddedIpv4(ip).some((v4) => metadataAddresses.check(v4, "ipv4"))
  );
}

/** A destination refused by policy: a 400 for the caller, with a sentence saying why. */
export class DestinationRefusedError extends Error {
  readonly code = "ERR_PROVIDER_DESTINATION_REFUSED";
}

function isAllowedPrivate(hostname: string, address: string, setting: PrivateHostsSetting): boolean {
  if (setting.allows === "all") return true;
  if (setting.allows === "none") return false;
  const { address: ip, family } = canonical(address);
  return setting.hostnames.has(normalizeHostname(hostname)) || setting.networks.check(ip, family);
}

/**
 * Throws DestinationRefusedError unless every address may receive credentials for `hostname` over `protocol`:
 * never a cloud metadata address; a private one only if the setting allows it; over http: only to hosts the setting
 * allows (a private network the operator vouches for), never across the internet.
 */
export function assertAllowedDestination(options: {
  hostname: string;
  protocol: string;
  addresses: string[];
  setting: PrivateHostsSetting;
}) {
  const { hostname, protocol, addresses, setting } = options;
  const name = normalizeHostname(hostname);
  if (addresses.length === 0) throw new DestinationRefusedError(`${name} has no address`);
  if (protocol !== "https:" && protocol !== "http:")
    throw new DestinationRefusedError(`${protocol} is not a provider protocol`);
  if (addresses.some(isCloudMetadataAddress)) {
    throw new DestinationRefusedError(`${name} is a cloud metadata address; credentials are never sent there`);
  }
  const refusedPrivate = addresses.some(
    (address) => isPrivateAddress(address) && !isAllowedPrivate(name, address, setting),
  );
  if (refusedPrivate) {
    throw new DestinationRefusedError(
      `${name} is a private or local network address; credentials are only sent to public hosts (an operator can allow private ones with PROVIDER_ALLOW_PRIVATE_HOSTS)`,
    );
  }
  // "1" vouches for private networks only; a list vouches for exactly what it names, public or not.
  const vouchedFor = (address: string) =>
    (isPrivateAddress(address) || setting.allows === "listed") && isAllowedPrivate(name, address, setting);
  if (protocol === "http:" && !addresses.every(vouchedFor)) {
    throw new DestinationRefusedError(
      `credentials are only sent over https (http is allowed only to private hosts that PROVIDER_ALLOW_PRIVATE_HOSTS allows); use an https:// address for ${name}`,
    );
  }
}
