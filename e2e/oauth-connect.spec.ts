// "Connect with …" and "Reconnect" in Chromium against a fake authorization server (consent page with Allow and
// Cancel, token endpoints, Facebook's Graph): HubSpot connect then reconnect in place, Facebook with the Page picker,
// a refused consent on Salesforce — and, on the shared server without OAuth apps, the manual form as before.
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { startFakeOAuthServer, type FakeOAuthServer } from "../tests/helpers/fake-oauth-server";
import { expectAccessible, open, screenshot } from "./support/fixtures";
import { startOAuthAppServer, type OAuthAppServer } from "./support/oauth-app-server";
import { STATE_DIR } from "./support/seed-data";

test.describe.configure({ mode: "serial", timeout: 120_000 });

let fake: FakeOAuthServer;
let server: OAuthAppServer;
let api: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(180_000);
  fake = await startFakeOAuthServer();
  server = await startOAuthAppServer(fake.env);
  api = await playwright.request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { Authorization: `Bearer ${server.apiKey}` },
  });
});
test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
  await fake?.close();
});

async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, storageState: server.ownerState });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

const integrationCount = async () =>
  ((await (await api.get(`/organization-integrations?org_id=${server.orgId}`)).json()) as { integrations: unknown[] })
    .integrations.length;

test("HubSpot: Connect creates the integration from the sign-in, and Reconnect renews it in place", async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  await open(page, `/orgs/${server.orgId}/integrations/new?type=hubspot`);
  const panel = page.getByTestId("oauth-connect");
  await expect(panel.getByRole("heading", { name: "Connect with HubSpot" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Or enter the credentials yourself" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "30-oauth-connect-hubspot");
  await panel.getByLabel("Name").fill("HubSpot (signed in)");
  await panel.getByRole("button", { name: "Connect with HubSpot" }).click();

  // The provider's consent page, then back.
  await expect(page.getByRole("heading", { name: /Allow access to your hubspot account/ })).toBeVisible();
  await page.getByRole("link", { name: "Allow" }).click();
  await page.waitForURL(/\/integrations\/[\w-]+\?created=1$/);
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("HubSpot (signed in)");
  await expect(page.getByTestId("detail-message")).toContainText("Integration created.");
  const created = await (await api.get(`/organization-integration/${id}`)).json();
  expect(created.integration).toMatchObject({
    is_active: true,
    access_token: "••••••",
    refresh_token: "••••••",
    api_secret: "••••••",
  });
  expect(JSON.stringify(created)).not.toContain(fake.issued.hubspot.at(-1)!.accessToken);

  // Reconnect: same integration, new tokens.
  const reconnect = page.getByTestId("oauth-reconnect");
  await expect(reconnect).toContainText("Reconnect signs in at HubSpot again");
  await screenshot(page, "31-oauth-reconnect");
  const issuedBefore = fake.issued.hubspot.length;
  await reconnect.getByRole("button", { name: "Reconnect with HubSpot" }).click();
  await page.getByRole("link", { name: "Allow" }).click();
  await page.waitForURL(new RegExp(`/integrations/${id}\\?reconnected=1$`));
  await expect(page.getByTestId("detail-message")).toContainText("Reconnected: the new tokens are stored");
  expect(fake.issued.hubspot.length).toBe(issuedBefore + 1);
  expect(await integrationCount()).toBe(1);
  const audit = (await (await api.get(`/organization-audit-log?org_id=${server.orgId}`)).json()) as {
    entries: { action: string; target: { id: string } }[];
  };
  expect(audit.entries.filter((entry) => entry.target.id === id).map((entry) => entry.action)).toEqual([
    "integration.reconnected",
    "integration.created",
  ]);
  await page.context().close();
});

test("Salesforce: a refused consent returns to the form with a clear message and stores nothing", async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const before = await integrationCount();
  await open(page, `/orgs/${server.orgId}/integrations/new?type=salesforce`);
  await page.getByRole("button", { name: "Connect with Salesforce" }).click();
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.waitForURL(/\/integrations\/new\?type=salesforce&oauth_error=access_denied$/);
  await expect(page.getByTestId("oauth-error")).toContainText(
    "Access was not granted at the provider, so nothing was connected.",
  );
  // The manual form is still there to use.
  await expect(page.getByRole("button", { name: "Create integration" })).toBeVisible();
  await screenshot(page, "32-oauth-refused");
  expect(await integrationCount()).toBe(before);
  await page.context().close();
});

test("Facebook: Login, the Page picker, then the Page's token stored and the Page subscribed", async ({ browser }) => {
  const pageId = `1${Array.from(randomBytes(14), (byte) => byte % 10).join("")}`;
  fake.pages.push(
    { id: pageId, name: "Acme Support Page", token: `EAAP${randomBytes(20).toString("hex")}` },
    { id: `2${pageId.slice(1)}`, name: "Acme Jobs", token: `EAAP${randomBytes(20).toString("hex")}` },
  );
  const page = await ownerPage(browser);
  await open(page, `/orgs/${server.orgId}/integrations/new?type=facebook`);
  await page.getByRole("button", { name: "Connect with Facebook" }).click();
  await expect(
    page.getByText("pages_messaging,pages_manage_metadata,pages_show_list,pages_read_engagement"),
  ).toBeVisible();
  await page.getByRole("link", { name: "Allow" }).click();

  await page.waitForURL(/\/integrations\/new\/facebook-page\?pick=/);
  const picker = page.getByRole("form", { name: "Choose a Facebook Page" });
  await expect(picker.getByRole("radio")).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, "33-oauth-facebook-pages");
  await picker.getByLabel(/Acme Support Page/).check();
  await picker.getByRole("button", { name: "Connect this Page" }).click();

  await page.waitForURL(/\/integrations\/[\w-]+\?created=1$/);
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Acme Support Page");
  const { integration } = await (await api.get(`/organization-integration/${id}`)).json();
  expect(integration).toMatchObject({
    integration_type: "facebook",
    is_active: true,
    access_token: "••••••",
    config: { page_id: pageId, page_name: "Acme Support Page" },
  });
  // The existing subscription job subscribed the Page with its new token.
  await expect.poll(() => fake.subscribedPages.has(pageId), { timeout: 30_000 }).toBe(true);
  await page.context().close();
});

test.describe("on a server without OAuth apps", () => {
  test.use({ baseURL: process.env.E2E_BASE_URL, storageState: `${STATE_DIR}/owner.json` });
  test("the forms are the manual ones, as before", async ({ page }) => {
    await open(page, `/orgs/${process.env.E2E_ORG_ID}/integrations/new?type=hubspot`);
    await expect(page.getByRole("button", { name: "Create integration" })).toBeVisible();
    await expect(page.getByTestId("oauth-connect")).toHaveCount(0);
  });
});
