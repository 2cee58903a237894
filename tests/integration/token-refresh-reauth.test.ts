// Refresh refusals for good (needs_reauth: calls stop, it clears on the next success), transient failures that never
// flip it, and Facebook's token exchange, against fake token endpoints on 127.0.0.1.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { openSecret, sealSecret } from "@/lib/integrations/integration-secrets";
import { ensureFreshToken, NeedsReauthError } from "@/lib/token-refresh/fresh-token";
import { tokenRefreshJob } from "@/lib/token-refresh/refresh-sweep";
import { setProviderTimeout, setUpOrgWithProviders } from "../helpers/org-fixture";
import {
  salesforceClient,
  seedHubSpot,
  seedIntegration,
  seedSalesforce,
  token,
  MINUTE,
  inMs,
  storedRow,
} from "../helpers/seeded-integrations";

setProviderTimeout(2000);
const env = setUpOrgWithProviders("salesforce", "hubspot", "graph");

describe("refusals for good", () => {
  it("invalid_grant sets needs_reauth with Salesforce's reason; calls stop; a successful check clears it", async () => {
    const { secrets } = salesforceClient(env.salesforce);
    const dead = `5Aep${token()}`;
    const id = await seedIntegration(
      env.org,
      "salesforce",
      { ...secrets, refreshToken: dead },
      { apiBaseUrl: env.salesforce.origin, config: { instance_url: env.salesforce.origin } },
    );
    await tokenRefreshJob.run({ integrationId: id });
    const status = (await env.admin.integration(id)).status;
    expect(status).toMatchObject({
      needs_reauth: true,
      token_state: "needs_reauth",
      last_check_ok: false,
      last_check_error: "Salesforce: expired access/refresh token (invalid_grant)",
    });
    const audit = await db().auditEntry.findMany({ where: { targetId: id, action: "integration.reauth_needed" } });
    expect(audit).toHaveLength(1);

    // Provider calls stop: the next caller is refused without asking Salesforce, the sweep job too.
    const before = env.salesforce.requests.length;
    await expect(ensureFreshToken(await storedRow(id))).rejects.toBeInstanceOf(NeedsReauthError);
    await tokenRefreshJob.run({ integrationId: id });
    expect(env.salesforce.requests.length).toBe(before);

    // The admin fixes it on Salesforce's side (the token works again): "Test connection" tries, succeeds, clears it.
    env.salesforce.addRefreshToken(dead, { clientId: secrets.apiKey, clientSecret: secrets.apiSecret });
    expect((await env.admin.testConnection(id)).json.ok).toBe(true);
    expect((await env.admin.integration(id)).status).toMatchObject({
      needs_reauth: false,
      last_check_ok: true,
      last_check_error: null,
    });
  });

  it("HubSpot's BAD_REFRESH_TOKEN sets needs_reauth; replacing the refresh token (a manual reconnect) clears it", async () => {
    const { id, refreshToken } = await seedHubSpot(env, { accessToken: `CO${token()}`, tokenExpiresAt: inMs(MINUTE) });
    await db().integration.update({
      where: { id },
      data: { refreshToken: sealSecret(id, "refreshToken", "na1-revoked") },
    });
    await expect(ensureFreshToken(await storedRow(id))).rejects.toBeInstanceOf(NeedsReauthError);
    expect((await env.admin.integration(id)).status).toMatchObject({
      needs_reauth: true,
      last_check_error: "HubSpot: missing or unknown refresh token (BAD_REFRESH_TOKEN)",
    });

    const replaced = await env.admin.update({ id, refresh_token: refreshToken });
    expect(replaced.json.integration.status.needs_reauth).toBe(false);
    const fresh = await ensureFreshToken(await storedRow(id));
    expect(env.hubspot.grantsFor(refreshToken)).toBe(1);
    expect(fresh.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * MINUTE);
  });

  it("two transient failures (503) never flip needs_reauth; the third attempt refreshes", async () => {
    const { id, refreshToken } = await seedSalesforce(env);
    env.salesforce.failNextTokenRequests(2);
    await expect(tokenRefreshJob.run({ integrationId: id })).rejects.toThrow(/Salesforce: unexpected HTTP 503/);
    await expect(tokenRefreshJob.run({ integrationId: id })).rejects.toThrow(/Salesforce: unexpected HTTP 503/);
    let stored = await storedRow(id);
    expect([stored.needsReauth, stored.refreshFailures, stored.refreshStartedAt]).toEqual([false, 2, null]);
    await tokenRefreshJob.run({ integrationId: id });
    stored = await storedRow(id);
    expect([stored.needsReauth, stored.refreshFailures, Boolean(stored.accessToken)]).toEqual([false, 0, true]);
    expect(env.salesforce.grantsFor(refreshToken)).toBe(3);
  });
});

describe("facebook", () => {
  it("exchanges a short-lived token for the Page's own long-lived token when the App ID and secret are known", async () => {
    const appId = String(100_000 + Math.floor(Math.random() * 1e6));
    const appSecret = token();
    env.graph.allowTokenExchange(appId, appSecret);
    const pageId = String(Date.now());
    const shortLived = `EAAS${token()}`;
    env.graph.addPage(shortLived, { id: pageId, name: "Acme" });
    const id = await seedIntegration(
      env.org,
      "facebook",
      { apiKey: appId, apiSecret: appSecret, accessToken: shortLived },
      { apiBaseUrl: env.graph.apiBaseUrl, tokenExpiresAt: inMs(60 * MINUTE), config: { page_id: pageId } },
    );
    expect((await env.admin.integration(id)).status.token_state).toBe("expiring"); // within the 7 days' warning
    await tokenRefreshJob.run({ integrationId: id });
    expect(env.graph.exchangesFor(shortLived)).toBe(1);
    // Replayed from a review: the App Secret and the token went in the address, where proxies and access logs keep them.
    expect(env.graph.secretsInAddress()).toBe(0);
    const stored = await storedRow(id);
    expect(openSecret(stored, "accessToken")).toMatch(/^EAAP/);
    expect(stored.tokenExpiresAt).toBeNull();
    expect((await env.admin.integration(id)).status.token_state).toBe("no_expiry");
  });

  it("Meta's 190 on the exchange sets needs_reauth", async () => {
    const appId = String(200_000 + Math.floor(Math.random() * 1e6));
    env.graph.allowTokenExchange(appId, "secret-of-the-app");
    const id = await seedIntegration(
      env.org,
      "facebook",
      { apiKey: appId, apiSecret: "secret-of-the-app", accessToken: `EAAS${token()}` },
      { apiBaseUrl: env.graph.apiBaseUrl, tokenExpiresAt: inMs(MINUTE) },
    );
    await tokenRefreshJob.run({ integrationId: id });
    const status = (await env.admin.integration(id)).status;
    expect(status.needs_reauth).toBe(true);
    expect(status.last_check_error).toMatch(/code 190/);
  });
});
