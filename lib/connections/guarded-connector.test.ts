// The connector on its own, with scripted DNS answers and a recording stand-in for undici's connector, so no test
// here ever dials anything but 127.0.0.1.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Agent, buildConnector, fetch } from "undici";
import { describe, expect, it } from "vitest";
import { createGuardedConnector, HostNotResolvedError, type ResolveHost } from "./guarded-connector";
import { DestinationRefusedError } from "./provider-destination";
import { parsePrivateHostsSetting } from "./private-hosts-setting";

const PUBLIC = "93.184.216.34";

/** Resolves with each scripted answer in turn (the last repeats) and counts the questions. */
function scriptedResolver(...answers: string[][]): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return answers.length > 1 ? answers.shift()! : answers[0];
  };
  return Object.assign(resolve, { calls });
}

/** Stands in for undici's connector: records where it was asked to dial, refuses (or fails) every connection. */
function recordingConnect(errorCode = "ECONNREFUSED") {
  const dialed: { hostname: string; host?: string }[] = [];
  const connect: buildConnector.connector = (options, callback) => {
    dialed.push({ hostname: options.hostname, host: options.host });
    callback(Object.assign(new Error(`connect ${errorCode}`), { code: errorCode }), null);
  };
  return { connect, dialed };
}

function run(connector: buildConnector.connector, hostname: string, protocol = "https:", port = "443") {
  return new Promise<Error | null>((resolve) =>
    connector(
      { hostname, host: `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`, protocol, port },
      (...[error]) => resolve(error),
    ),
  );
}

const none = parsePrivateHostsSetting("0");
const all = parsePrivateHostsSetting("1");

describe("guarded connector", () => {
  it("resolves once and dials exactly the address it checked (no second lookup to rebind)", async () => {
    const resolve = scriptedResolver([PUBLIC], ["127.0.0.1"]);
    const { connect, dialed } = recordingConnect();
    await run(createGuardedConnector({ setting: none, resolve, connect }), "provider.example");
    expect(resolve.calls).toEqual(["provider.example"]);
    // By address, with the name kept in `host`, from which undici takes the TLS server name it verifies.
    expect(dialed).toEqual([{ hostname: PUBLIC, host: "provider.example:443" }]);
  });

  it("refuses a private answer without dialing", async () => {
    const { connect, dialed } = recordingConnect();
    const error = await run(
      createGuardedConnector({ setting: none, resolve: scriptedResolver(["127.0.0.1"]), connect }),
      "provider.example",
    );
    expect(error).toBeInstanceOf(DestinationRefusedError);
    expect(error!.message).toMatch(/^provider\.example is a private or local network address/);
    expect(dialed).toEqual([]);
  });

  it("refuses a name with one private address among public ones", async () => {
    const { connect, dialed } = recordingConnect();
    const error = await run(
      createGuardedConnector({ setting: none, resolve: scriptedResolver([PUBLIC, "10.0.0.7"]), connect }),
      "provider.example",
    );
    expect(error).toBeInstanceOf(DestinationRefusedError);
    expect(dialed).toEqual([]);
  });

  it.each([
    "169.254.169.254",
    "fd00:ec2::254",
    "::ffff:169.254.169.254",
    "64:ff9b::169.254.169.254",
    "2002:a9fe:a9fe::1",
  ])("refuses the metadata address %s given literally, even with every private host allowed", async (address) => {
    const resolve = scriptedResolver([PUBLIC]);
    const { connect, dialed } = recordingConnect();
    const error = await run(createGuardedConnector({ setting: all, resolve, connect }), address, "http:", "80");
    expect(error?.message).toMatch(/is a cloud metadata address/);
    expect([resolve.calls, dialed]).toEqual([[], []]);
  });

  it("sends credentials over plain http only to hosts the setting vouches for", async () => {
    const { connect, dialed } = recordingConnect();
    const toPublic = await run(
      createGuardedConnector({ setting: all, resolve: scriptedResolver([PUBLIC]), connect }),
      "provider.example",
      "http:",
      "80",
    );
    expect(toPublic?.message).toMatch(/^credentials are only sent over https/);
    expect(dialed).toEqual([]);
    await run(
      createGuardedConnector({ setting: all, resolve: scriptedResolver(["10.1.2.3"]), connect }),
      "odoo.internal",
      "http:",
      "8069",
    );
    const listed = parsePrivateHostsSetting("odoo.example");
    await run(
      createGuardedConnector({ setting: listed, resolve: scriptedResolver([PUBLIC]), connect }),
      "odoo.example",
      "http:",
      "8069",
    );
    expect(dialed.map((entry) => entry.hostname)).toEqual(["10.1.2.3", PUBLIC]);
  });

  it("tries the next checked address when one is unreachable, and only those", async () => {
    const { connect, dialed } = recordingConnect("ENETUNREACH");
    const resolve = scriptedResolver(["2606:2800:220:1::1", PUBLIC], ["127.0.0.1"]);
    await run(createGuardedConnector({ setting: none, resolve, connect }), "provider.example");
    expect(dialed.map((entry) => entry.hostname)).toEqual(["2606:2800:220:1::1", PUBLIC]);
    expect(resolve.calls).toHaveLength(1);
  });

  it("says when a name does not resolve", async () => {
    const resolve: ResolveHost = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const error = await run(
      createGuardedConnector({ setting: none, resolve, connect: recordingConnect().connect }),
      "nowhere.example",
    );
    expect(error).toBeInstanceOf(HostNotResolvedError);
    expect(error!.message).toBe("nowhere.example does not resolve");
  });
});

describe("guarded connector under undici's fetch", () => {
  it("reaches an allowed host by the checked address", async () => {
    const server = createHttpServer((request, response) => response.end(`host ${request.headers.host}`));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const dispatcher = new Agent({
      connect: createGuardedConnector({ setting: all, resolve: scriptedResolver(["127.0.0.1"]) }),
    });
    try {
      const response = await fetch(`http://odoo.internal:${port}/`, { dispatcher });
      expect(await response.text()).toBe(`host odoo.internal:${port}`);
    } finally {
      await dispatcher.close();
      server.close();
    }
  });

  const hasOpenssl = (() => {
    try {
      execFileSync("openssl", ["version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasOpenssl)("verifies the certificate against the name, though it dials an address", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "guarded-tls-"));
    const [key, cert] = [path.join(folder, "key.pem"), path.join(folder, "cert.pem")];
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-keyout",
        key,
        "-out",
        cert,
        "-subj",
        "/CN=provider.test",
        "-addext",
        "subjectAltName=DNS:provider.test",
      ],
      { stdio: "ignore" },
    );
    const tls = { key: readFileSync(key), cert: readFileSync(cert) };
    rmSync(folder, { recursive: true, force: true });
    const server = createHttpsServer(tls, (_request, response) => response.end("over tls"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const agentFor = () =>
      new Agent({
        connect: createGuardedConnector({
          setting: all,
          resolve: scriptedResolver(["127.0.0.1"]),
          connect: buildConnector({ ca: tls.cert }),
        }),
      });
    const [right, wrong] = [agentFor(), agentFor()];
    try {
      expect(await (await fetch(`https://provider.test:${port}/`, { dispatcher: right })).text()).toBe("over tls");
      const mismatch = await fetch(`https://other.test:${port}/`, { dispatcher: wrong }).catch((error: Error) => error);
      expect((mismatch as Error & { cause?: { code?: string } }).cause?.code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    } finally {
      await Promise.all([right.close(), wrong.close()]);
      server.close();
    }
  });
});
