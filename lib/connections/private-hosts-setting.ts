// PROVIDER_ALLOW_PRIVATE_HOSTS: which private hosts provider calls may reach. "0" none (the default), "1" all of them
// (tests with fake providers on 127.0.0.1), or a comma-separated list of host names, addresses and CIDR ranges that
// are then the only ones allowed (an on-premise Odoo). Read once, at start, so a typo stops the server.
import { BlockList, isIP } from "node:net";

export type PrivateHostsSetting =
  { allows: "none" } | { allows: "all" } | { allows: "listed"; hostnames: ReadonlySet<string>; networks: BlockList };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)*$/;

/** A host name as URLs and the list spell it: lower case, no trailing dot, IPv6 without brackets. */
export const normalizeHostname = (hostname: string) =>
  hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

function addEntry(entry: string, hostnames: Set<string>, networks: BlockList) {
  const [address, prefixText, extra] = entry.split("/");
  if (prefixText !== undefined) {
    const prefix = Number(prefixText);
    const bits = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : 0;
    if (extra !== undefined || !bits || !/^\d{1,3}$/.test(prefixText) || prefix > bits) {
      throw new Error(`"${entry}" is not a CIDR range`);
    }
    networks.addSubnet(address, prefix, familyOf(address));
  } else if (isIP(address)) networks.addAddress(address, familyOf(address));
  else if (HOSTNAME.test(address)) hostnames.add(address);
  else throw new Error(`"${entry}" is not a host name, an IP address or a CIDR range`);
}

/** Throws an Error saying which entry is wrong. */
export function parsePrivateHostsSetting(raw: string | undefined): PrivateHostsSetting {
  const value = (raw ?? "").trim().toLowerCase();
  if (value === "" || value === "0" || value === "false") return { allows: "none" };
  if (value === "1" || value === "true") return { allows: "all" };
  const hostnames = new Set<string>();
  const networks = new BlockList();
  for (const entry of value
    .split(",")
    .map((part) => normalizeHostname(part.trim()))
    .filter(Boolean)) {
    addEntry(entry, hostnames, networks);
  }
  return { allows: "listed", hostnames, networks };
}
