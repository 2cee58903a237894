// The "Reconnect" state: Salesforce refuses an integration's refresh token (invalid_grant), so the detail says the
// credentials need replacing and the list flags the row; once Salesforce accepts the token again, a test clears it.
import { startFakeSalesforceServer, type FakeSalesforceServer } from "../tests/helpers/fake-salesforce-server";
import { createIntegrationViaApi, getIntegrationViaApi } from "./support/api";
import { expectAccessible, open, screenshot, test, expect, uniqueName } from "./support/fixtures";

let salesforce: FakeSalesforceServer;
test.beforeAll(async () => {
  salesforce = await startFakeSalesforceServer();
});
test.afterAll(async () => salesforce.close());

test("a refused refresh token shows Reconnect in the detail and the list, and a working one clears it", async ({
  page,
  api,
  orgId,
}) => {
  const client = { clientId: "3MVG-e2e-consumer", clientSecret: "e2e-consumer-secret" };
  const refreshToken = `5Aep-e2e-${Date.now()}`;
  const name = uniqueName("Salesforce reconnect");
  const created = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "salesforce",
    name,
    api_base_url: salesforce.origin,
    api_key: client.clientId,
    api_secret: client.clientSecret,
    refresh_token: refreshToken,
  });

  await open(page, `/orgs/${orgId}/integrations/${created.id}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText(
    "Salesforce: expired access/refresh token (invalid_grant)",
  );
  await expect(page.getByTestId("warning-reauth")).toContainText("The credentials no longer work — reconnect");
  await expect(page.getByTestId("token-state-detail")).toContainText("refused — reconnect needed");
  await expectAccessible(page);
  await screenshot(page, "30-salesforce-reconnect");

  await open(page, `/orgs/${orgId}/integrations`);
  const row = page.getByTestId("integration-row").filter({ hasText: name });
  await expect(row.getByTestId("token-state")).toHaveText("Reconnect");

  // The admin fixes the connected app on Salesforce's side: the next successful test clears the state by itself.
  salesforce.addRefreshToken(refreshToken, client);
  await open(page, `/orgs/${orgId}/integrations/${created.id}`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText("Connection works");
  await expect(page.getByTestId("warning-reauth")).toHaveCount(0);
  await expect(page.getByTestId("token-state-detail")).toContainText(/valid — refreshed/);
  const stored = (await getIntegrationViaApi(api, created.id)).integration!;
  expect(stored.status).toMatchObject({ needs_reauth: false, token_state: "valid" });
  await open(page, `/orgs/${orgId}/integrations`);
  await expect(page.getByTestId("integration-row").filter({ hasText: name }).getByTestId("token-state")).toHaveCount(0);
});
