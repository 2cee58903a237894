// The token refresh engine against fake token endpoints on 127.0.0.1: refresh before a call when the token expires
// within 5 minutes, one refresh and one retry on a 401, single flight, rotation (and keeping the refresh token when
// the answer has none), refusals for good (needs_reauth: calls stop, it clears on the next success), transient failures
// that never flip it, and the background sweep on two job runners (two app instances): one refresh grant per token.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as testRoute from "@/app/organization-integration/[integration_id]/test/route";
import { db } from "@/lib/db/prisma";
import { openSecret, sealSecret } from "@/lib/integrations/integration-secrets";
import { ensureFreshToken, NeedsReauthError } from "@/lib/token-refresh/fresh-token";
import { tokenRefreshJob } from "@/lib/token-refresh/refresh-sweep";
import { bearer, callRoute } from "../helpers/call-route";
import { startFakeGraphServer, type FakeGraphServer } from "../helpers/fake-graph-server";
import { startFakeHubSpotServer, type FakeHubSpotServer } from "../helpers/fake-hubspot-server";
import { startFakeSalesforceServer, type FakeSalesforceServer } from "../helpers/fake-salesforce-server";
import { detailRoute, updateRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

vi.stubEnv("PROVIDER_TIMEOUT_MS", "2000");

let org: TestOrg;
let salesforce: FakeSalesforceServer;
let hubspot: FakeHubSpotServer;
let graph: FakeGraphServer;
beforeAll(async () => {
  org = await createTestOrg();
  [salesforce, hubspot, graph] = await Promise.all([
    startFakeSalesforceServer(),
    startFakeHubSpotServer(),
    startFakeGraphServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([salesforce, hubspot, graph].map((server) => server.close()));
  vi.unstubAllEnvs();
});

const token = () => randomBytes(12).toString("hex");
const MINUTE = 60_000;
const inMs = (ms: number) => new Date(Date.now() + ms);
const row = (id: string) => db().integration.findUniqueOrThrow({ where: { id } });
const detail = async (id: string) =>
  (
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${id}`,
      params: { integration_id: id },
      headers: bearer(org.keys.admin),
    })
  ).json.integration;
const testConnection = (id: string) =>
  callRoute(testRoute.POST, {
    method: "POST",
    path: `/organization-integration/${id}/test`,
    params: { integration_id: id },
    headers: bearer(org.keys.admin),
  });

type Secrets = { apiKey?: string; apiSecret?: string; accessToken?: string; refreshToken?: string };
/** An integration as an earlier grant left it: secrets sealed for their row, any expiry and refresh history. */
async function seedIntegration(
  type: "salesforce" | "hubspot" | "facebook",
  secrets: Secrets,
  columns: {
    apiBaseUrl: string;
    tokenExpiresAt?: Date | null;
    lastRefreshedAt?: Date | null;
    config?: object;
    orgId?: string;
  },
): Promise<string> {
  const id = randomUUID();
  const seal = (column: keyof Secrets) => (secrets[column] ? sealSecret(id, column, secrets[column]!) : null);
  await db().integration.create({
    data: {
      id,
      orgId: columns.orgId ?? org.orgId,
      integrationType: type,
      name: `${type} ${token()}`,
      apiBaseUrl: columns.apiBaseUrl,
      apiKey: seal("apiKey"),
      apiSecret: seal("apiSecret"),
      accessToken: seal("accessToken"),
      refreshToken: seal("refreshToken"),
      tokenExpiresAt: columns.tokenExpiresAt ?? null,
      lastRefreshedAt: columns.lastRefreshedAt ?? null,
      config: columns.config ?? {},
    },
  });
  return id;
}

function salesforceClient(options: { rotates?: boolean } = {}) {
  const refreshToken = `5Aep${token()}`;
  const client = { clientId: `3MVG${token()}`, clientSecret: token() };
  salesforce.addRefreshToken(refreshToken, client, options);
  return { refreshToken, secrets: { apiKey: client.clientId, apiSecret: client.clientSecret, refreshToken } };
}

async function seedSalesforce(
  columns: {
    accessToken?: string;
    tokenExpiresAt?: Date | null;
    lastRefreshedAt?: Date | null;
    rotates?: boolean;
    orgId?: string;
  } = {},
) {
  const { refreshToken, secrets } = salesforceClient({ rotates: columns.rotates });
  const id = await seedIntegration(
    "salesforce",
    { ...secrets, accessToken: columns.accessToken },
    { apiBaseUrl: salesforce.origin, config: { instance_url: salesforce.origin, api_version: "62.0" }, ...columns },
  );
  return { id, refreshToken };
}

async function seedHubSpot(options: { accessToken: string; tokenExpiresAt: Date; omitsRefreshToken?: boolean }) {
  const refreshToken = `na1-${token()}`;
  const client = { clientId: randomUUID(), clientSecret: randomUUID(), portalId: 4_400_123 };
  hubspot.addRefreshToken(refreshToken, client, { omitsRefreshToken: options.omitsRefreshToken });
  const id = await seedIntegration(
    "hubspot",
    { apiKey: client.clientId, apiSecret: client.clientSecret, accessToken: options.accessToken, refreshToken },
    { apiBaseUrl: hubspot.origin, tokenExpiresAt: options.tokenExpiresAt },
  );
  return { id, refreshToken };
}

describe("before a provider call", () => {
  it("refreshes a token that expires within 5 minutes first, stores the rotated refresh token and the org's session expiry", async () => {
    const stale = `00D${token()}`;
    salesforce.addAccessToken(stale);
    salesforce.setSessionSeconds(3600);
    const { id, refreshToken } = await seedSalesforce({
      accessToken: stale,
      tokenExpiresAt: inMs(4 * MINUTE),
      lastRefreshedAt: inMs(-MINUTE),
    });
    const checked = await testConnection(id);
    expect(checked.json.ok).toBe(true);
    expect(salesforce.grantsFor(refreshToken)).toBe(1);
    const stored = await row(id);
    expect(openSecret(stored, "accessToken")).not.toBe(stale);
    const rotated = openSecret(stored, "refreshToken")!;
    expect(rotated).not.toBe(refreshToken);
    expect(salesforce.isRefreshTokenValid(rotated)).toBe(true);
    // From introspection's exp (the org's 1 h session), not the 2 h default.
    expect(stored.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * MINUTE);
    expect(stored.tokenExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60 * MINUTE);
    const status = (await detail(id)).status;
    expect(status).toMatchObject({ token_state: "valid", needs_reauth: false });
    expect(Date.parse(status.last_refreshed_at)).toBeGreaterThan(Date.now() - MINUTE);
    // The audit log records the refresh: which fields, never their values.
    const audit = await db().auditEntry.findMany({ where: { targetId: id, action: "integration.token_refreshed" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: "system",
      changedFields: ["access_token", "refresh_token", "token_expires_at"],
    });
    expect(JSON.stringify(audit)).not.toContain(rotated);
  });

  it("leaves a token that is good for longer alone", async () => {
    const good = `00D${token()}`;
    salesforce.addAccessToken(good);
    const { id, refreshToken } = await seedSalesforce({
      accessToken: good,
      tokenExpiresAt: inMs(30 * MINUTE),
      lastRefreshedAt: inMs(-MINUTE),
    });
    expect((await testConnection(id)).json.ok).toBe(true);
    expect(salesforce.grantsFor(refreshToken)).toBe(0);
  });

  it("a 401 triggers one refresh and one retry", async () => {
    const revoked = `CO${token()}`; // HubSpot never knew it: the call answers 401
    const { id, refreshToken } = await seedHubSpot({ accessToken: revoked, tokenExpiresAt: inMs(20 * MINUTE) });
    const checked = await testConnection(id);
    expect(checked.json).toEqual({
      ok: true,
      details: { portal_id: 4_400_123, account_type: "STANDARD", ui_domain: "app.hubspot.com" },
    });
    expect(hubspot.grantsFor(refreshToken)).toBe(1);
    const calls = hubspot.requests.filter(
      (request) => request.path === "/account-info/v3/details" && request.headers.authorization === `Bearer ${revoked}`,
    );
    expect(calls).toHaveLength(1);
    const stored = await row(id);
    expect(stored.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * MINUTE); // expires_in 1800
  });

  it("a refresh answer without a refresh token keeps the stored one", async () => {
    const { id, refreshToken } = await seedHubSpot({
      accessToken: `CO${token()}`,
      tokenExpiresAt: inMs(MINUTE),
      omitsRefreshToken: true,
    });
    const fresh = await ensureFreshToken(await row(id));
    expect(hubspot.grantsFor(refreshToken)).toBe(1);
    expect(openSecret(fresh, "refreshToken")).toBe(refreshToken);
    expect(openSecret(await row(id), "refreshToken")).toBe(refreshToken);
  });
});

describe("single flight", () => {
  it("concurrent refreshes of one token make one provider call and all get the new token", async () => {
    salesforce.setTokenDelayMs(300);
    try {
      const { id, refreshToken } = await seedSalesforce();
      const snapshot = await row(id);
      const results = await Promise.all(Array.from({ length: 6 }, () => ensureFreshToken(snapshot)));
      expect(salesforce.grantsFor(refreshToken)).toBe(1);
      const tokens = new Set(results.map((result) => openSecret(result, "accessToken")));
      expect(tokens.size).toBe(1);
      expect(openSecret(await row(id), "accessToken")).toBe([...tokens][0]);
    } finally {
      salesforce.setTokenDelayMs(0);
    }
  });
});

describe("refusals for good", () => {
  it("invalid_grant sets needs_reauth with Salesforce's reason; calls stop; a successful check clears it", async () => {
    const { secrets } = salesforceClient();
    const dead = `5Aep${token()}`;
    const id = await seedIntegration(
      "salesforce",
      { ...secrets, refreshToken: dead },
      { apiBaseUrl: salesforce.origin, config: { instance_url: salesforce.origin } },
    );
    await tokenRefreshJob.run({ integrationId: id });
    const status = (await detail(id)).status;
    expect(status).toMatchObject({
      needs_reauth: true,
      token_state: "needs_reauth",
      last_check_ok: false,
      last_check_error: "Salesforce: expired access/refresh token (invalid_grant)",
    });
    const audit = await db().auditEntry.findMany({ where: { targetId: id, action: "integration.reauth_needed" } });
    expect(audit).toHaveLength(1);

    // Provider calls stop: the next caller is refused without asking Salesforce, the sweep job too.
    const before = salesforce.requests.length;
    await expect(ensureFreshToken(await row(id))).rejects.toBeInstanceOf(NeedsReauthError);
    await tokenRefreshJob.run({ integrationId: id });
    expect(salesforce.requests.length).toBe(before);

    // The admin fixes it on Salesforce's side (the token works again): "Test connection" tries, succeeds, clears it.
    salesforce.addRefreshToken(dead, { clientId: secrets.apiKey, clientSecret: secrets.apiSecret });
    expect((await testConnection(id)).json.ok).toBe(true);
    expect((await detail(id)).status).toMatchObject({
      needs_reauth: false,
      last_check_ok: true,
      last_check_error: null,
    });
  });

  it("HubSpot's BAD_REFRESH_TOKEN sets needs_reauth; replacing the refresh token (a manual reconnect) clears it", async () => {
    const { id, refreshToken } = await seedHubSpot({ accessToken: `CO${token()}`, tokenExpiresAt: inMs(MINUTE) });
    await db().integration.update({
      where: { id },
      data: { refreshToken: sealSecret(id, "refreshToken", "na1-revoked") },
    });
    await expect(ensureFreshToken(await row(id))).rejects.toBeInstanceOf(NeedsReauthError);
    expect((await detail(id)).status).toMatchObject({
      needs_reauth: true,
      last_check_error: "HubSpot: missing or unknown refresh token (BAD_REFRESH_TOKEN)",
    });

    const replaced = await callRoute(updateRoute.POST, {
      method: "POST",
      path: "/update-organization-integration",
      headers: bearer(org.keys.admin),
      body: { id, refresh_token: refreshToken },
    });
    expect(replaced.json.integration.status.needs_reauth).toBe(false);
    const fresh = await ensureFreshToken(await row(id));
    expect(hubspot.grantsFor(refreshToken)).toBe(1);
    expect(fresh.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * MINUTE);
  });

  it("two transient failures (503) never flip needs_reauth; the third attempt refreshes", async () => {
    const { id, refreshToken } = await seedSalesforce();
    salesforce.failNextTokenRequests(2);
    await expect(tokenRefreshJob.run({ integrationId: id })).rejects.toThrow(/Salesforce: unexpected HTTP 503/);
    await expect(tokenRefreshJob.run({ integrationId: id })).rejects.toThrow(/Salesforce: unexpected HTTP 503/);
    let stored = await row(id);
    expect([stored.needsReauth, stored.refreshFailures, stored.refreshStartedAt]).toEqual([false, 2, null]);
    await tokenRefreshJob.run({ integrationId: id });
    stored = await row(id);
    expect([stored.needsReauth, stored.refreshFailures, Boolean(stored.accessToken)]).toEqual([false, 0, true]);
    expect(salesforce.grantsFor(refreshToken)).toBe(3);
  });
});

describe("facebook", () => {
  it("exchanges a short-lived token for the Page's own long-lived token when the App ID and secret are known", async () => {
    const appId = String(100_000 + Math.floor(Math.random() * 1e6));
    const appSecret = token();
    graph.allowTokenExchange(appId, appSecret);
    const pageId = String(Date.now());
    const shortLived = `EAAS${token()}`;
    graph.addPage(shortLived, { id: pageId, name: "Acme" });
    const id = await seedIntegration(
      "facebook",
      { apiKey: appId, apiSecret: appSecret, accessToken: shortLived },
      { apiBaseUrl: graph.apiBaseUrl, tokenExpiresAt: inMs(60 * MINUTE), config: { page_id: pageId } },
    );
    expect((await detail(id)).status.token_state).toBe("expiring"); // within the 7 days' warning
    await tokenRefreshJob.run({ integrationId: id });
    expect(graph.exchangesFor(shortLived)).toBe(1);
    // Replayed from a review: the App Secret and the token went in the address, where proxies and access logs keep them.
    expect(graph.secretsInAddress()).toBe(0);
    const stored = await row(id);
    expect(openSecret(stored, "accessToken")).toMatch(/^EAAP/);
    expect(stored.tokenExpiresAt).toBeNull();
    expect((await detail(id)).status.token_state).toBe("no_expiry");
  });

  it("Meta's 190 on the exchange sets needs_reauth", async () => {
    const appId = String(200_000 + Math.floor(Math.random() * 1e6));
    graph.allowTokenExchange(appId, "secret-of-the-app");
    const id = await seedIntegration(
      "facebook",
      { apiKey: appId, apiSecret: "secret-of-the-app", accessToken: `EAAS${token()}` },
      { apiBaseUrl: graph.apiBaseUrl, tokenExpiresAt: inMs(MINUTE) },
    );
    await tokenRefreshJob.run({ integrationId: id });
    const status = (await detail(id)).status;
    expect(status.needs_reauth).toBe(true);
    expect(status.last_check_error).toMatch(/code 190/);
  });
});
