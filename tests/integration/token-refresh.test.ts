// The token refresh engine against fake token endpoints on 127.0.0.1: refresh before a call when the token expires
// within 5 minutes, one refresh and one retry on a 401, single flight, rotation (and keeping the refresh token when
// the answer has none). Refusals for good and Facebook's exchange: token-refresh-reauth.test.ts; the background sweep
// on two job runners: token-refresh-sweep.test.ts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { ensureFreshToken } from "@/lib/token-refresh/fresh-token";
import { setProviderTimeout, setUpOrgWithProviders } from "../helpers/org-fixture";
import { seedHubSpot, seedSalesforce, token, MINUTE, inMs, storedRow } from "../helpers/seeded-integrations";

setProviderTimeout(2000);
const env = setUpOrgWithProviders("salesforce", "hubspot");

describe("before a provider call", () => {
  it("refreshes a token that expires within 5 minutes first, stores the rotated refresh token and the org's session expiry", async () => {
    const stale = `00D${token()}`;
    env.salesforce.addAccessToken(stale);
    env.salesforce.setSessionSeconds(3600);
    const { id, refreshToken } = await seedSalesforce(env, {
      accessToken: stale,
      tokenExpiresAt: inMs(4 * MINUTE),
      lastRefreshedAt: inMs(-MINUTE),
    });
    const checked = await env.admin.testConnection(id);
    expect(checked.json.ok).toBe(true);
    expect(env.salesforce.grantsFor(refreshToken)).toBe(1);
    const stored = await storedRow(id);
    expect(openSecret(stored, "accessToken")).not.toBe(stale);
    const rotated = openSecret(stored, "refreshToken")!;
    expect(rotated).not.toBe(refreshToken);
    expect(env.salesforce.isRefreshTokenValid(rotated)).toBe(true);
    // From introspection's exp (the org's 1 h session), not the 2 h default.
    expect(stored.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * MINUTE);
    expect(stored.tokenExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 60 * MINUTE);
    const status = (await env.admin.integration(id)).status;
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
    env.salesforce.addAccessToken(good);
    const { id, refreshToken } = await seedSalesforce(env, {
      accessToken: good,
      tokenExpiresAt: inMs(30 * MINUTE),
      lastRefreshedAt: inMs(-MINUTE),
    });
    expect((await env.admin.testConnection(id)).json.ok).toBe(true);
    expect(env.salesforce.grantsFor(refreshToken)).toBe(0);
  });

  it("a 401 triggers one refresh and one retry", async () => {
    const revoked = `CO${token()}`; // HubSpot never knew it: the call answers 401
    const { id, refreshToken } = await seedHubSpot(env, { accessToken: revoked, tokenExpiresAt: inMs(20 * MINUTE) });
    const checked = await env.admin.testConnection(id);
    expect(checked.json).toEqual({
      ok: true,
      details: { portal_id: 4_400_123, account_type: "STANDARD", ui_domain: "app.hubspot.com" },
    });
    expect(env.hubspot.grantsFor(refreshToken)).toBe(1);
    const calls = env.hubspot.requests.filter(
      (request) => request.path === "/account-info/v3/details" && request.headers.authorization === `Bearer ${revoked}`,
    );
    expect(calls).toHaveLength(1);
    const stored = await storedRow(id);
    expect(stored.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * MINUTE); // expires_in 1800
  });

  it("a refresh answer without a refresh token keeps the stored one", async () => {
    const { id, refreshToken } = await seedHubSpot(env, {
      accessToken: `CO${token()}`,
      tokenExpiresAt: inMs(MINUTE),
      omitsRefreshToken: true,
    });
    const fresh = await ensureFreshToken(await storedRow(id));
    expect(env.hubspot.grantsFor(refreshToken)).toBe(1);
    expect(openSecret(fresh, "refreshToken")).toBe(refreshToken);
    expect(openSecret(await storedRow(id), "refreshToken")).toBe(refreshToken);
  });
});

describe("single flight", () => {
  it("concurrent refreshes of one token make one provider call and all get the new token", async () => {
    env.salesforce.setTokenDelayMs(300);
    try {
      const { id, refreshToken } = await seedSalesforce(env);
      const snapshot = await storedRow(id);
      const results = await Promise.all(Array.from({ length: 6 }, () => ensureFreshToken(snapshot)));
      expect(env.salesforce.grantsFor(refreshToken)).toBe(1);
      const tokens = new Set(results.map((result) => openSecret(result, "accessToken")));
      expect(tokens.size).toBe(1);
      expect(openSecret(await storedRow(id), "accessToken")).toBe([...tokens][0]);
    } finally {
      env.salesforce.setTokenDelayMs(0);
    }
  });
});
