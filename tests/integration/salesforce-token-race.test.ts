// A Salesforce check mints a fresh access token (and a rotated refresh token). If an admin who does not know the stored
// secrets moves the integration to a host of theirs while the check waits on Salesforce, the fresh tokens must be
// thrown away, not stored under the new destination where the next check would hand them over. The compare-and-store
// itself, and an update racing a refresh: salesforce-token-store.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { sendJson, startFakeHttpServer, type FakeHttpServer } from "../helpers/fake-http-server";
import { startFakeSalesforceServer, type FakeSalesforceServer } from "../helpers/fake-salesforce-server";
import { createIntegration } from "../helpers/integration-api";
import { setUpTestOrg } from "../helpers/org-fixture";
import { salesforceClient } from "../helpers/seeded-integrations";

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

const env = setUpTestOrg();
let salesforce: FakeSalesforceServer;
let loginHost: GatedProxy;
let attacker: FakeHttpServer;
beforeAll(async () => {
  salesforce = await startFakeSalesforceServer();
  loginHost = await startGatedProxy(salesforce);
  attacker = await startFakeHttpServer((request, response) =>
    request.path === "/services/oauth2/token"
      ? sendJson(response, 400, { error: "invalid_grant", error_description: "expired access/refresh token" })
      : sendJson(response, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]),
  );
});
afterAll(() => Promise.all([salesforce, loginHost, attacker].map((server) => server.close())));

async function salesforceIntegration(): Promise<string> {
  const { secrets } = salesforceClient(salesforce);
  return createIntegration(env.org, {
    name: "Salesforce race",
    integration_type: "salesforce",
    api_base_url: loginHost.origin,
    api_key: secrets.apiKey,
    api_secret: secrets.apiSecret,
    refresh_token: secrets.refreshToken,
    config: { instance_url: salesforce.origin, api_version: "62.0" },
  });
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
  const check = env.admin.testConnection(id);
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
  const refused = await env.admin.update(destination);
  expect(refused.status).toBe(400);
  const fields = /enter (.+) again/.exec(refused.json.error)![1].split(", ");
  const reentered = Object.fromEntries(
    fields.map((field) => [field, secrets === "cleared" ? null : `attacker-${field}`]),
  );
  const moved = await env.admin.update({ ...destination, ...reentered });
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

      await env.admin.testConnection(id);
      const seenByAttacker = JSON.stringify(attacker.requests);
      for (const token of fresh) expect(seenByAttacker).not.toContain(token);
    },
  );
});

describe("tokens refreshed while the integration was edited elsewhere", () => {
  it("are stored when the destination and the credentials are the ones the check used, without undoing the edit", async () => {
    const id = await salesforceIntegration();
    const { result, minted } = await checkWithEditMeanwhile(id, async () => {
      const renamed = await env.admin.update({
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
    expect((await env.admin.testConnection(id)).json.ok).toBe(true);
  });
});
