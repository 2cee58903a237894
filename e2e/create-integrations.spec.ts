import type { Page } from "@playwright/test";
import { getIntegrationViaApi } from "./support/api";
import { expectAccessible, screenshot, test, expect, uniqueName, open } from "./support/fixtures";

/** The new-integration form of `type`, opened directly, with a unique name (from `label`) filled in. */
async function openNewForm(page: Page, orgId: string, type: string, label: string) {
  await open(page, `/orgs/${orgId}/integrations/new?type=${type}`);
  const form = page.getByRole("form", { name: "New integration" });
  const name = uniqueName(label);
  await form.getByLabel("Integration Name").fill(name);
  return { form, name };
}

test("a minimal Facebook integration shows its webhook URL and verify token on the setup screen", async ({
  page,
  api,
  orgId,
}) => {
  await open(page, `/orgs/${orgId}/integrations`);
  await page.getByRole("link", { name: "Add integration" }).click();
  await expect(page.getByRole("heading", { name: "Add an integration" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "03-choose-type");

  await page.getByRole("link", { name: /Facebook Messenger/ }).click();
  await expect(page.getByRole("heading", { name: "New Facebook Messenger integration" })).toBeVisible();
  // The guide's simplified form, exactly.
  const form = page.getByRole("form", { name: "New integration" });
  await expect(form.locator("input:not([type=checkbox]), textarea, select")).toHaveCount(3);
  await expect(form.getByLabel("Page Access Token")).toHaveAttribute("type", "password");
  await expect(form.getByLabel("Activate Now")).toBeChecked();

  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByTestId("error-name")).toHaveText("Is required");
  await expect(page.getByTestId("error-access_token")).toHaveText("Is required");
  await form.getByLabel("Facebook Page ID").fill("my page");
  await expect(page.getByTestId("error-page_id")).toHaveText("Must be a numeric Facebook Page ID");
  await expectAccessible(page);
  await screenshot(page, "04-facebook-form-errors");

  const name = uniqueName("Support page");
  await form.getByLabel("Integration Name").fill(name);
  await form.getByLabel("Page Access Token").fill("EAAB-e2e-page-token");
  await form.getByLabel("Facebook Page ID").fill("");
  await form.getByRole("button", { name: "Create integration" }).click();

  const setup = page.getByTestId("facebook-setup");
  await expect(setup).toBeVisible();
  await expect(page.getByTestId("detail-message")).toContainText("Integration created.");
  const webhookUrl = await setup.getByRole("textbox", { name: "Callback URL (webhook URL)", exact: true }).inputValue();
  const verifyToken = await setup.getByRole("textbox", { name: "Verify token", exact: true }).inputValue();
  expect(webhookUrl).toBe(`${process.env.E2E_BASE_URL}/webhook?org_id=${orgId}`);
  expect(verifyToken).toMatch(/^[\w-]{32,}$/);
  for (const field of ["messages", "messaging_postbacks", "message_deliveries"])
    await expect(setup.getByText(field, { exact: true })).toBeVisible();
  await expect(setup.getByRole("button", { name: "Copy Verify token" })).toBeVisible();

  const id = page.url().split("/integrations/")[1]!.split("?")[0]!;
  const { integration } = await getIntegrationViaApi(api, id);
  expect(integration).toMatchObject({
    name,
    integration_type: "facebook",
    is_active: true,
    webhook_url: webhookUrl,
    webhook_verify_token: verifyToken,
    access_token: "••••••",
    config: {},
  });
  await expectAccessible(page);
  await screenshot(page, "05-facebook-setup");
});

test("a HubSpot integration uses HubSpot's words and the server's portal id rule", async ({ page, api, orgId }) => {
  const { form, name } = await openNewForm(page, orgId, "hubspot", "HubSpot CRM");
  await form.getByLabel("Private app token").fill("pat-na1-e2e");
  await form.getByLabel("Portal ID (Hub ID)").fill("hub-1");
  await form.getByLabel("Activate Now").uncheck();
  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByTestId("error-portal_id")).toHaveText("Must be a numeric HubSpot portal (Hub) ID");
  await expect(form.getByLabel("Portal ID (Hub ID)")).toBeFocused();
  await screenshot(page, "06-hubspot-form");

  await form.getByLabel("Portal ID (Hub ID)").fill("4412345");
  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const id = page.url().split("/integrations/")[1]!.split("?")[0]!;
  const { integration } = await getIntegrationViaApi(api, id);
  expect(integration).toMatchObject({
    integration_type: "hubspot",
    is_active: false,
    access_token: "••••••",
    config: { portal_id: "4412345" },
    api_base_url: "https://api.hubapi.com",
  });
});

test("an Other integration refuses bad JSON before sending and stores good JSON as its config", async ({
  page,
  api,
  orgId,
}) => {
  let createRequests = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/create-organization-integration")) createRequests += 1;
  });
  const { form, name } = await openNewForm(page, orgId, "other", "Billing service");
  await form.getByLabel("API base URL").fill("https://billing.example.test/api");
  await form.getByLabel("API key").fill("client-123");
  await form.getByLabel("API secret").fill("s3cret-value");
  const json = form.getByLabel("Configuration (JSON)");
  await json.fill('{"region": "eu",');
  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByTestId("error-config_json")).toContainText("Is not valid JSON");
  await json.fill('["not", "an object"]');
  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByTestId("error-config_json")).toContainText("Must be a JSON object");
  await expectAccessible(page);
  await screenshot(page, "07-other-form-bad-json");
  expect(createRequests).toBe(0);

  await json.fill('{"region": "eu", "retries": 3}');
  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  expect(createRequests).toBe(1);
  const id = page.url().split("/integrations/")[1]!.split("?")[0]!;
  const { integration } = await getIntegrationViaApi(api, id);
  expect(integration).toMatchObject({
    integration_type: "other",
    api_base_url: "https://billing.example.test/api",
    api_key: "client-123",
    api_secret: "••••••",
    access_token: null,
    config: { region: "eu", retries: 3 },
  });
});
