// A test file's shared set-up, written once: a fresh organization with its admin's integration API, and the fake
// providers the file talks to, started before its tests and closed after them. The fields are filled in beforeAll:
// read them inside tests and hooks, never at the top of the file.
import { afterAll, beforeAll, vi } from "vitest";
import { startFakeGraphServer } from "./fake-graph-server";
import { startFakeHubSpotServer } from "./fake-hubspot-server";
import { startFakeOdooServer } from "./fake-odoo-server";
import { startFakeSalesforceServer } from "./fake-salesforce-server";
import { integrationApi, type IntegrationApi } from "./integration-api";
import { createTestOrg, type TestOrg } from "./seed";

export type OrgFixture = { org: TestOrg; admin: IntegrationApi };

const PROVIDERS = {
  graph: startFakeGraphServer,
  hubspot: startFakeHubSpotServer,
  odoo: startFakeOdooServer,
  salesforce: startFakeSalesforceServer,
};
type Provider = keyof typeof PROVIDERS;
type ProviderServers = { [Name in Provider]: Awaited<ReturnType<(typeof PROVIDERS)[Name]>> };

export function setUpTestOrg(): OrgFixture {
  const fixture = {} as OrgFixture;
  beforeAll(async () => {
    fixture.org = await createTestOrg();
    fixture.admin = integrationApi(fixture.org.keys.admin);
  });
  return fixture;
}

/** `setUpTestOrg()` plus the named fake providers, e.g. `setUpOrgWithProviders("salesforce", "hubspot")`. */
export function setUpOrgWithProviders<Name extends Provider>(
  ...names: Name[]
): OrgFixture & Pick<ProviderServers, Name> {
  const fixture = setUpTestOrg() as OrgFixture & Pick<ProviderServers, Name>;
  beforeAll(async () => {
    const servers = await Promise.all(names.map((name) => PROVIDERS[name]()));
    names.forEach((name, index) => Object.assign(fixture, { [name]: servers[index] }));
  });
  afterAll(() => Promise.all(names.map((name) => fixture[name]?.close())));
  return fixture;
}

/** Provider calls of this file give up after `ms` (the fakes answer at once, or hang on purpose). */
export function setProviderTimeout(ms: number) {
  vi.stubEnv("PROVIDER_TIMEOUT_MS", String(ms));
  afterAll(() => vi.unstubAllEnvs());
}
