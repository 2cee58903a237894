// storeRefreshedTokens stores a refresh's tokens only if the row still has the destination and the credentials the
// refresh used (compare-and-store under a row lock), and an update that moves the destination sees a token a refresh
// stored meanwhile. The same race through the API, with a held token request: salesforce-token-race.test.ts.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { storeRefreshedTokens } from "@/lib/connections/store-refreshed-tokens";
import { openSecret, sealSecret } from "@/lib/integrations/integration-secrets";
import { setUpOrgWithProviders } from "../helpers/org-fixture";
import { seedSalesforce } from "../helpers/seeded-integrations";

const env = setUpOrgWithProviders("salesforce");

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
    const { id } = await seedSalesforce(env);
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
    const { id } = await seedSalesforce(env);
    const snapshot = await db().integration.findUniqueOrThrow({ where: { id } });
    await db().integration.update({
      where: { id },
      data: { name: "Other edit", config: { instance_url: env.salesforce.origin, api_version: "60.0" } },
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
    const { id } = await seedSalesforce(env);
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
        orgId: env.org.orgId,
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
    const update = env.admin.update({
      id,
      config: { instance_url: "https://collector.example" },
      refresh_token: null,
      api_secret: "bogus",
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
