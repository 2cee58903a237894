// Integrations as an earlier grant left them, written straight into the database (secrets sealed for their row, any
// expiry and refresh history), with the fake provider primed to accept their refresh tokens. For the token refresh
// tests, which start from states the API cannot produce (a token about to expire, a refresh that happened long ago).
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/prisma";
import { sealSecret } from "@/lib/integrations/integration-secrets";
import type { FakeHubSpotServer } from "./fake-hubspot-server";
import type { FakeSalesforceServer } from "./fake-salesforce-server";
import type { TestOrg } from "./seed";

export const token = () => randomBytes(12).toString("hex");
export const MINUTE = 60_000;
/** The moment `ms` from now (negative: ago). */
export const inMs = (ms: number) => new Date(Date.now() + ms);
/** The integration's row as stored now (secrets sealed). */
export const storedRow = (id: string) => db().integration.findUniqueOrThrow({ where: { id } });

export type Secrets = { apiKey?: string; apiSecret?: string; accessToken?: string; refreshToken?: string };
export type SeedColumns = {
  apiBaseUrl: string;
  tokenExpiresAt?: Date | null;
  lastRefreshedAt?: Date | null;
  config?: object;
};

export async function seedIntegration(
  org: TestOrg,
  type: "salesforce" | "hubspot" | "facebook",
  secrets: Secrets,
  columns: SeedColumns,
): Promise<string> {
  const id = randomUUID();
  const seal = (column: keyof Secrets) => (secrets[column] ? sealSecret(id, column, secrets[column]!) : null);
  await db().integration.create({
    data: {
      id,
      orgId: org.orgId,
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

/** A connected app registered with the fake Salesforce, and the secrets an integration stores for it. */
export function salesforceClient(salesforce: FakeSalesforceServer, options: { rotates?: boolean } = {}) {
  const refreshToken = `5Aep${token()}`;
  const client = { clientId: `3MVG${token()}`, clientSecret: token() };
  salesforce.addRefreshToken(refreshToken, client, options);
  return { refreshToken, secrets: { apiKey: client.clientId, apiSecret: client.clientSecret, refreshToken } };
}

export async function seedSalesforce(
  env: { org: TestOrg; salesforce: FakeSalesforceServer },
  columns: {
    accessToken?: string;
    tokenExpiresAt?: Date | null;
    lastRefreshedAt?: Date | null;
    rotates?: boolean;
  } = {},
) {
  const { salesforce } = env;
  const { refreshToken, secrets } = salesforceClient(salesforce, { rotates: columns.rotates });
  const id = await seedIntegration(
    env.org,
    "salesforce",
    { ...secrets, accessToken: columns.accessToken },
    { apiBaseUrl: salesforce.origin, config: { instance_url: salesforce.origin, api_version: "62.0" }, ...columns },
  );
  return { id, refreshToken };
}

export async function seedHubSpot(
  env: { org: TestOrg; hubspot: FakeHubSpotServer },
  options: { accessToken: string; tokenExpiresAt: Date; omitsRefreshToken?: boolean },
) {
  const refreshToken = `na1-${token()}`;
  const client = { clientId: randomUUID(), clientSecret: randomUUID(), portalId: 4_400_123 };
  env.hubspot.addRefreshToken(refreshToken, client, { omitsRefreshToken: options.omitsRefreshToken });
  const id = await seedIntegration(
    env.org,
    "hubspot",
    { apiKey: client.clientId, apiSecret: client.clientSecret, accessToken: options.accessToken, refreshToken },
    { apiBaseUrl: env.hubspot.origin, tokenExpiresAt: options.tokenExpiresAt },
  );
  return { id, refreshToken };
}
