// A Salesforce check mints a fresh access token (and a rotated refresh token). If an admin who does not know the stored
// secrets moves the integration to a host of theirs while the check waits on Salesforce, the fresh tokens must be
// thrown away, not stored under the new destination where the next check would hand them over.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as testRoute from "@/app/organization-integration/[integration_id]/test/route";
import { db } from "@/lib/db/prisma";
import { storeRefreshedTokens } from "@/lib/connections/store-refreshed-tokens";
import { openSecret, sealSecret } from "@/lib/integrations/integration-secrets";
import { bearer, callRoute } from "../helpers/call-route";
import { sendJson, startFakeHttpServer, type FakeHttpServer } from "../helpers/fake-http-server";
import { startFakeSalesforceServer, type FakeSalesforceServer } from "../helpers/fake-salesforce-server";
import { createRoute, updateRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

type GatedProxy = FakeHttpServer & { hold: () => void; release: () => void; tokenAnswers: Record<string, string>[] };

/** Salesforce's login host behind a door the test holds shut: the token request waits until release(). */
async function startGatedProxy(upstream: FakeHttpServer): Promise<GatedProxy> {
  let gate = Promise.resolve();
  let open = () => {};
  const tokenAnswers: Record<string, string>[] = [];
  const server = await startFakeHttpServer(async (request, response) => {
    await gate;
    const answer = await fetch(`${upstream.origin}${request.path}`, {
      method: request.method,
      headers: { "content-type": request.headers["content-type"] ?? "application/json" },
      body: request.method === "GET" ? undefined : request.body,
    });
    const text = await answer.text();
    if (request.path === "/services/oauth2/token" && answer.ok) tokenAnswers.push(JSON.parse(text));
    response.writeHead(answer.status, { "content-type": "application/json" }).end(text);
  });
  return {
    ...server,
    tokenAnswers,
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    release: () => open(),
  };
}

let org: TestOrg;
let salesforce: FakeSalesforceServer;
let loginHost: GatedProxy;
let attacker: FakeHttpServer;
beforeAll(async () => {
  org = await createTestOrg();
  salesforce = await startFakeSalesforceServer();
  loginHost = await startGatedProxy(salesforce);
  attacker = await startFakeHttpServer((request, response) =>
    request.path === "/services/oauth2/token"
      ? sendJson(response, 400, { error: "invalid_grant", error_description: "expired access/refresh token" })
      : sendJson(response, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]),
  );
});
afterAll(() => Promise.all([salesforce, loginHost, attacker].map((server) => server.close())));

const headers = () => bearer(org.keys.admin);
const testConnection = (id: string) =>
  callRoute(testRoute.POST, {
    method: "POST",
    path: `/organization-integration/${id}/test`,
    params: { integration_id: id },
    headers: headers(),
  });
const update = (body: Record<string, unknown>) =>
  callRoute(updateRoute.POST, { method: "POST", path: "/update-organization-integration", headers: headers(), body });

async function salesforceIntegration(): Promise<string> {
  const refreshToken = `5Aep${randomBytes(12).toString("hex")}`;
  const client = { clientId: `3MVG${randomBytes(12).toString("hex")}`, clientSecret: randomBytes(12).toString("hex") };
  salesforce.addRefreshToken(refreshToken, client);
  const response = await callRoute(createRoute.POST, {
    method: "POST",
    path: "/create-organization-integration",
    headers: headers(),
    body: {
      org_id: org.orgId,
      name: "Salesforce race",
      integration_type: "salesforce",
      api_base_url: loginHost.origin,
      api_key: client.clientId,
      api_secret: client.clientSecret,
      refresh_token: refreshToken,
      config: { instance_url: salesforce.origin, api_version: "62.0" },
    },
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.json));
  return response.json.integration.id;
}

async function untilTokenRequested(count: number) {
  const started = Date.now();
  while (loginHost.requests.filter((request) => request.path === "/services/oauth2/token").length < count) {
    if (Date.now() - started > 5000) throw new Error("the check never asked for a token");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Runs a check whose token request is held while `meanwhile` runs, then lets Salesforce answer. */
async function checkWithEditMeanwhile(id: string, meanwhile: () => Promise<void>) {
  const tokensBefore = loginHost.tokenAnswers.length;
  loginHost.hold();
  const check = testConnection(id);
  try {
    await untilTokenRequested(
      loginHost.requests.filter((request) => request.path === "/services/oauth2/token").length + 1,
    );
    await meanwhile();
  } finally {
    loginHost.release();
  }
  const result = await check;
  return { result, minted: loginHost.tokenAnswers.slice(tokensBefore) };
}

/** Moves the integration, entering again only what the update insists on: cleared, or replaced with values of ours. */
async function moveTo(id: string, origin: string, secrets: "cleared" | "replaced") {
  const destination = { id, api_base_url: origin, config: { instance_url: origin, api_version: "62.0" } };
  const refused = await update(destination);
  expect(refused.status).toBe(400);
  const fields = /enter (.+) again/.exec(refused.json.error)![1].split(", ");
  const reentered = Object.fromEntries(
    fields.map((field) => [field, secrets === "cleared" ? null : `attacker-${field}`]),
  );
  const moved = await update({ ...destination, ...reentered });
  expect(moved.status).toBe(200);
}

describe("tokens refreshed while the integration was moved", () => {
  it.each(["cleared", "replaced"] as const)(
    "are discarded, and the next check sends the attacker nothing (secrets %s)",
    async (secrets) => {
      const id = await salesforceIntegration();
      const { minted } = await checkWithEditMeanwhile(id, () => moveTo(id, attacker.origin, secrets));
      expect(minted).toHaveLength(1);
      const fresh = [minted[0].access_token, minted[0].refresh_token];

      const row = await db().integration.findUniqueOrThrow({ where: { id } });
      expect(row.apiBaseUrl).toBe(attacker.origin);
      expect(row.config).toMatchObject({ instance_url: attacker.origin });
      expect([openSecret(row, "accessToken"), openSecret(row, "refreshToken")]).not.toContain(fresh[0]);
      expect([openSecret(row, "accessToken"), openSecret(row, "refreshToken")]).not.toContain(fresh[1]);

      await testConnection(id);
      const seenByAttacker = JSON.stringify(attacker.requests);
      for (const token of fresh) expect(seenByAttacker).not.toContain(token);
    },
  );
});

describe("tokens refreshed while the integration was edited elsewhere", () => {
  it("are stored when the destination and the credentials are the ones the check used, without undoing the edit", async () => {
    const id = await salesforceIntegration();
    const { result, minted } = await checkWithEditMeanwhile(id, async () => {
      const renamed = await update({
        id,
        name: "Renamed meanwhile",
        config: { instance_url: salesforce.origin, api_version: "61.0" },
      });
      expect(renamed.status).toBe(200);
    });
    expect(result.json.ok).toBe(true);
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    expect(row.name).toBe("Renamed meanwhile");
    expect(row.config).toEqual({ instance_url: salesforce.origin, api_version: "61.0" });
    // Salesforce rotated the refresh token: the stored one must be the new one, or the integration is dead.
    expect(openSecret(row, "refreshToken")).toBe(minted[0].refresh_token);
    expect(openSecret(row, "accessToken")).toBe(minted[0].access_token);
    expect((await testConnection(id)).json.ok).toBe(true);
  });
});

describe("storeRefreshedTokens", () => {
  const moves: [string, (id: string) => Record<string, unknown>][] = [
    ["api_base_url", () => ({ apiBaseUrl: "https://collector.example" })],
    ["config.instance_url", () => ({ config: { instance_url: "https://collector.example", api_version: "62.0" } })],
    ["api_key", (id) => ({ apiKey: sealSecret(id, "apiKey", "another-consumer-key") })],
    ["api_secret", () => ({ apiSecret: null })],
    ["access_token", (id) => ({ accessToken: sealSecret(id, "accessToken", "pasted-by-an-admin") })],
    ["refresh_token", () => ({ refreshToken: null })],
  ];

  it.each(moves)("discards the tokens when %s changed after the snapshot", async (_field, change) => {
    const id = await salesforceIntegration();
    const snapshot = await db().integration.findUniqueOrThrow({ where: { id } });
    await db().integration.update({ where: { id }, data: change(id) });
    const stored = await storeRefreshedTokens({
      snapshot,
      tokens: { accessToken: sealSecret(id, "accessToken", "fresh-access"), instanceUrl: "https://na1.example" },
      alsoSet: { needsReauth: true },
    });
    expect(stored).toBe(false);
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    expect(openSecret(row, "accessToken")).not.toBe("fresh-access");
    expect(row.config).not.toMatchObject({ instance_url: "https://na1.example" });
    expect(row.needsReauth).toBe(false);
  });

  it("stores them, merged into the current config, when only other fields changed", async () => {
    const id = await salesforceIntegration();
    const snapshot = await db().integration.findUniqueOrThrow({ where: { id } });
    await db().integration.update({
      where: { id },
      data: { name: "Other edit", config: { instance_url: salesforce.origin, api_version: "60.0" } },
    });
    const tokens = {
      accessToken: sealSecret(id, "accessToken", "fresh-access"),
      refreshToken: sealSecret(id, "refreshToken", "rotated"),
      instanceUrl: "https://na1.example",
    };
    expect(await storeRefreshedTokens({ snapshot, tokens })).toBe(true);
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    expect([openSecret(row, "accessToken"), openSecret(row, "refreshToken"), row.name]).toEqual([
      "fresh-access",
      "rotated",
      "Other edit",
    ]);
    expect(row.config).toEqual({ instance_url: "https://na1.example", api_version: "60.0" });
  });

  it("refuses plaintext tokens", async () => {
    const id = await salesforceIntegration();
    const snapshot = await db().integration.findUniqueOrThrow({ where: { id } });
    await expect(storeRefreshedTokens({ snapshot, tokens: { accessToken: "00Dplaintext" } })).rejects.toThrow(
      /sealed tokens/,
    );
  });
});

describe("an update racing a token refresh", () => {
  // The update decides which stored secrets must be re-entered from the row it read. If a refresh stored a fresh access
  // token between that read and the update's write, the update would move the destination and keep the new token.
  it("sees the token the refresh stored, so moving the destination demands it again", async () => {
    const id = randomUUID();
    await db().integration.create({
      data: {
        id,
        orgId: org.orgId,
        integrationType: "salesforce",
        name: "Racing",
        apiBaseUrl: "https://login.salesforce.com",
        refreshToken: sealSecret(id, "refreshToken", "real-refresh"),
        apiSecret: sealSecret(id, "apiSecret", "real-secret"),
        config: {},
      },
    });
    // Holds the row the way storeRefreshedTokens does while the update arrives.
    const refresher = new pg.Client({ connectionString: inject("databaseUrl") });
    await refresher.connect();
    await refresher.query("BEGIN");
    await refresher.query("SELECT id FROM integrations WHERE id = $1 FOR UPDATE", [id]);
    const update = callRoute(updateRoute.POST, {
      method: "POST",
      path: "/update-organization-integration",
      headers: headers(),
      body: { id, config: { instance_url: attacker.origin }, refresh_token: null, api_secret: "bogus" },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await refresher.query("UPDATE integrations SET access_token = $1 WHERE id = $2", [
      sealSecret(id, "accessToken", "fresh-access"),
      id,
    ]);
    await refresher.query("COMMIT");
    await refresher.end();

    const answer = await update;
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/access_token/);
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    expect(row.config).toEqual({});
    expect(openSecret(row, "accessToken")).toBe("fresh-access");
  });
});
