// Where provider calls may connect, attacked through the real "test connection" route. The resolver is scripted
// (node:dns/promises, which our code uses) and the name is always "localhost", so whatever the code really dials is
// this machine: a fake HubSpot on 127.0.0.1 that records every request it gets, i.e. every leaked token.
import type * as DnsPromises from "node:dns/promises";
import { isIP } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseServerEnv, serverEnv } from "@/lib/config/server-env";
import { sendJson, startFakeHttpServer, type FakeHttpServer } from "../helpers/fake-http-server";
import { createIntegration } from "../helpers/integration-api";
import { setProviderTimeout, setUpTestOrg } from "../helpers/org-fixture";

/** Scripted answers per host name: each lookup takes the next one; the last one repeats. */
const scripted = vi.hoisted(() => ({ answers: new Map<string, string[][]>(), lookups: [] as string[] }));

vi.mock("node:dns/promises", async (importOriginal) => {
  const real = await importOriginal<typeof DnsPromises>();
  const lookup = (async (hostname: string, options?: { all?: boolean }) => {
    const queue = scripted.answers.get(hostname);
    if (!queue) return real.lookup(hostname, options as never);
    scripted.lookups.push(hostname);
    const addresses = queue.length > 1 ? queue.shift()! : queue[0];
    const entries = addresses.map((address) => ({ address, family: isIP(address) }));
    return options?.all ? entries : entries[0];
  }) as typeof real.lookup;
  return { ...real, lookup, default: { ...real, lookup } };
});

setProviderTimeout(2000);
const env = setUpTestOrg();
let hubspot: FakeHttpServer;
let port: string;
beforeAll(async () => {
  hubspot = await startFakeHttpServer((_request, response) =>
    sendJson(response, 200, { portalId: 42, accountType: "STANDARD" }),
  );
  port = new URL(hubspot.origin).port;
});
afterAll(() => hubspot.close());
beforeEach(() => {
  hubspot.requests.length = 0;
  scripted.answers.clear();
  scripted.lookups.length = 0;
});
afterEach(() => allowPrivateHosts("1"));

/** Applies a PROVIDER_ALLOW_PRIVATE_HOSTS value the way the server would read it at start. */
function allowPrivateHosts(value: string) {
  const parsed = parseServerEnv({ ...process.env, PROVIDER_ALLOW_PRIVATE_HOSTS: value });
  Object.assign(serverEnv(), { PROVIDER_ALLOW_PRIVATE_HOSTS: parsed.PROVIDER_ALLOW_PRIVATE_HOSTS });
}

const hubspotIntegration = (apiBaseUrl: string) =>
  createIntegration(env.org, {
    name: "Guarded",
    integration_type: "hubspot",
    api_base_url: apiBaseUrl,
    access_token: "pat-guarded-secret",
  });
const testConnection = (id: string) => env.admin.testConnection(id);

/** Test connection to a "localhost" that resolves to `address`: refused with `error`, and the fake never reached. */
async function expectRefusedAt(address: string, error: RegExp) {
  scripted.answers.set("localhost", [[address]]);
  const result = await testConnection(await hubspotIntegration(`http://localhost:${port}`));
  expect(result.json).toEqual({ ok: false, error: expect.stringMatching(error) });
  expect(hubspot.requests).toHaveLength(0);
}

describe("DNS rebinding", () => {
  it("checks the address it connects to, not an earlier answer for the same name", async () => {
    allowPrivateHosts("0");
    // A hostile DNS server: a public address for the first question, this machine for every later one.
    scripted.answers.set("localhost", [["93.184.216.34"], ["127.0.0.1"]]);
    const id = await hubspotIntegration(`http://localhost:${port}`);
    const result = await testConnection(id);
    expect(result.json.ok).toBe(false);
    expect(hubspot.requests).toHaveLength(0);
  });
});

describe("cloud metadata", () => {
  it.each(["169.254.169.254", "fd00:ec2::254", "64:ff9b::a9fe:a9fe"])(
    "is refused even when every private host is allowed (%s)",
    async (address) => {
      allowPrivateHosts("1");
      await expectRefusedAt(address, /^HubSpot: localhost is a cloud metadata address/);
    },
  );

  it("is refused even when the list names its network", async () => {
    allowPrivateHosts("169.254.0.0/16,localhost");
    scripted.answers.set("localhost", [["169.254.169.254"]]);
    const result = await testConnection(await hubspotIntegration(`http://localhost:${port}`));
    expect(result.json.error).toMatch(/cloud metadata address/);
    expect(hubspot.requests).toHaveLength(0);
  });
});

describe("plain http", () => {
  it.each(["0", "1"])(
    "never carries credentials to a public host (PROVIDER_ALLOW_PRIVATE_HOSTS=%s)",
    async (setting) => {
      allowPrivateHosts(setting);
      scripted.answers.set("localhost", [["93.184.216.34"]]);
      const result = await testConnection(await hubspotIntegration(`http://localhost:${port}`));
      expect(result.json).toEqual({
        ok: false,
        error: expect.stringMatching(/^HubSpot: credentials are only sent over https/),
      });
      expect(hubspot.requests).toHaveLength(0);
    },
  );
});

describe("PROVIDER_ALLOW_PRIVATE_HOSTS as a list", () => {
  it("allows the listed hosts and networks, over http too", async () => {
    allowPrivateHosts("10.0.0.0/8, 127.0.0.1");
    expect((await testConnection(await hubspotIntegration(hubspot.origin))).json).toMatchObject({
      ok: true,
      details: { portal_id: 42 },
    });
    allowPrivateHosts("localhost");
    scripted.answers.set("localhost", [["127.0.0.1"]]);
    expect((await testConnection(await hubspotIntegration(`http://localhost:${port}`))).json.ok).toBe(true);
    expect(hubspot.requests).toHaveLength(2);
  });

  it("refuses every private host it does not list", async () => {
    allowPrivateHosts("10.0.0.0/8,fd00::/8,odoo.internal");
    const byAddress = await testConnection(await hubspotIntegration(hubspot.origin));
    expect(byAddress.json).toEqual({
      ok: false,
      error: expect.stringMatching(/^HubSpot: 127\.0\.0\.1 is a private or local network address/),
    });
    scripted.answers.set("localhost", [["127.0.0.1"]]);
    const byName = await testConnection(await hubspotIntegration(`http://localhost:${port}`));
    expect(byName.json.error).toMatch(/private or local network address/);
    expect(hubspot.requests).toHaveLength(0);
  });

  it("is validated when the server starts", () => {
    expect(() => parseServerEnv({ ...process.env, PROVIDER_ALLOW_PRIVATE_HOSTS: "10.0.0.0/33" })).toThrow(
      /PROVIDER_ALLOW_PRIVATE_HOSTS/,
    );
    expect(() => parseServerEnv({ ...process.env, PROVIDER_ALLOW_PRIVATE_HOSTS: "http://odoo.internal" })).toThrow(
      /PROVIDER_ALLOW_PRIVATE_HOSTS/,
    );
  });
});

describe("IPv6 addresses that reach IPv4 through a translator", () => {
  it.each(["64:ff9b::7f00:1", "64:ff9b:1::7f00:1", "2002:7f00:1::1", "::ffff:7f00:1"])(
    "refuses %s as private",
    async (address) => {
      allowPrivateHosts("0");
      await expectRefusedAt(address, /^HubSpot: localhost is a private or local network address/);
    },
  );
});

describe("what every provider call keeps", () => {
  it("refuses redirects, caps the answer at 2 MB and gives up after PROVIDER_TIMEOUT_MS", async () => {
    const target = await startFakeHttpServer((_request, response) => sendJson(response, 200, { portalId: 1 }));
    const odd = await startFakeHttpServer((request, response) => {
      if (request.path.startsWith("/redirect"))
        return response.writeHead(302, { location: `${target.origin}/account-info/v3/details` }).end();
      if (request.path.startsWith("/huge"))
        return response.writeHead(200, { "content-type": "application/json" }).end(`"${"x".repeat(3 * 1024 * 1024)}"`);
      // /slow: never answers.
    });
    try {
      expect((await testConnection(await hubspotIntegration(`${odd.origin}/redirect`))).json).toEqual({
        ok: false,
        error: "HubSpot could not be reached",
      });
      expect(target.requests).toHaveLength(0);
      expect((await testConnection(await hubspotIntegration(`${odd.origin}/huge`))).json).toEqual({
        ok: false,
        error: "HubSpot answered with more than 2 MB",
      });
      expect((await testConnection(await hubspotIntegration(`${odd.origin}/slow`))).json).toEqual({
        ok: false,
        error: "HubSpot did not answer within 2 s",
      });
    } finally {
      await Promise.all([target.close(), odd.close()]);
    }
  });
});
