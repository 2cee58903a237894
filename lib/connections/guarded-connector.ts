// Checking a host name and then letting fetch resolve it again lets a hostile DNS server answer a public address to
// the check and 127.0.0.1 to the connection (DNS rebinding). So the check happens inside the connection: resolve
// once, check those addresses, connect to exactly them — by address, with TLS still verified against the name.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { Agent, buildConnector } from "undici";
import { assertAllowedDestination } from "./provider-destination";
import type { PrivateHostsSetting } from "./private-hosts-setting";

/** Every address a name resolves to, in the resolver's order. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const resolveWithSystem: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true })).map((entry) => entry.address);

export class HostNotResolvedError extends Error {
  readonly code = "ERR_PROVIDER_HOST_NOT_RESOLVED";
}

// Worth trying the next address of a name; anything else (a TLS failure, say) is the answer.
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
]);

async function checkedAddresses(options: buildConnector.Options, setting: PrivateHostsSetting, resolve: ResolveHost) {
  const { hostname, protocol } = options;
  let addresses: string[];
  if (isIP(hostname)) addresses = [hostname];
  else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw new HostNotResolvedError(`${hostname} does not resolve`);
    }
  }
  assertAllowedDestination({ hostname, protocol, addresses, setting });
  return addresses;
}

/**
 * An undici connector that refuses what assertAllowedDestination refuses, at connect time. `resolve` and `connect`
 * are the system resolver and undici's connector by default; tests replace them to script DNS answers and watch where it dials.
 */
export function createGuardedConnector(options: {
  setting: PrivateHostsSetting;
  resolve?: ResolveHost;
  connect?: buildConnector.connector;
  timeoutMs?: number;
}): buildConnector.connector {
  const resolve = options.resolve ?? resolveWithSystem;
  const connect = options.connect ?? buildConnector({ timeout: options.timeoutMs });
  return (connectOptions, callback) => {
    let answered = false;
    const answer: buildConnector.Callback = (...args) => {
      if (answered) return;
      answered = true;
      callback(...args);
    };
    const attempt = (addresses: string[], index: number) => {
      // `host` keeps the name, so undici sends it as SNI and TLS verifies the certificate against it.
      connect({ ...connectOptions, hostname: addresses[index] }, (error, socket) => {
        const code = (error as NodeJS.ErrnoException | null)?.code ?? "";
        if (error && index + 1 < addresses.length && UNREACHABLE.has(code)) attempt(addresses, index + 1);
        else if (error) answer(error, null);
        else answer(null, socket!);
      });
    };
    checkedAddresses(connectOptions, options.setting, resolve)
      .then((addresses) => attempt(addresses, 0))
      .catch((error: Error) => answer(error, null));
  };
}

let current: { setting: PrivateHostsSetting; timeoutMs: number; agent: Agent } | undefined;

/** The dispatcher of every provider call. A new setting (tests change it) gets a new pool: no socket outlives its check. */
export function guardedDispatcher(setting: PrivateHostsSetting, timeoutMs: number): Agent {
  if (current?.setting !== setting || current.timeoutMs !== timeoutMs) {
    void current?.agent.close().catch(() => {});
    current = { setting, timeoutMs, agent: new Agent({ connect: createGuardedConnector({ setting, timeoutMs }) }) };
  }
  return current.agent;
}
