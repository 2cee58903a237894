import type { APIRequestContext, Page } from "@playwright/test";
import { auditEntriesFor, createIntegrationViaApi, getIntegrationViaApi } from "./support/api";
import { addMember } from "./support/cli";
import { expectAccessible, screenshot, test, expect, uniqueName, open } from "./support/fixtures";
import { PASSWORD, USERS } from "./support/seed-data";

test("editing without touching the secrets keeps them (masked round-trip), Replace changes one", async ({
  page,
  api,
  orgId,
}) => {
  const created = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "salesforce",
    name: uniqueName("Salesforce prod"),
    api_key: "consumer-key-1",
    api_secret: "consumer-secret-1",
    refresh_token: "refresh-token-1",
    config: { instance_url: "https://acme.my.salesforce.com", api_version: "62.0" },
  });
  await open(page, `/orgs/${orgId}/integrations/${created.id}#edit`);
  const form = page.getByRole("form", { name: "Edit integration" });
  await expect(form.getByLabel("Consumer key")).toHaveValue("consumer-key-1");
  await expect(form.getByLabel("Consumer secret (stored, hidden)")).toHaveValue("••••••");
  await expect(form.getByRole("button", { name: "Replace Refresh token" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "08-salesforce-edit");

  const renamed = uniqueName("Salesforce production");
  await form.getByLabel("Integration Name").fill(renamed);
  // Moving the instance would send the stored secrets to a new host: the server asks for them again, beside the field.
  await form.getByLabel("Instance URL").fill("https://collector.example.test");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText(/changes where the stored credentials are sent/)).toBeVisible();
  expect((await getIntegrationViaApi(api, created.id)).integration!.name).toBe(created.name);

  await form.getByLabel("Instance URL").fill("https://acme.my.salesforce.com");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("detail-message")).toContainText("Changes saved.");

  const after = (await getIntegrationViaApi(api, created.id)).integration!;
  expect(after).toMatchObject({
    name: renamed,
    api_secret: "••••••",
    refresh_token: "••••••",
    api_key: "consumer-key-1",
  });
  // Keys the form does not show (api_version) survive; the audit trail proves no secret was written.
  expect(after.config).toEqual({ instance_url: "https://acme.my.salesforce.com", api_version: "62.0" });
  const [update] = (await auditEntriesFor(api, orgId, created.id)).filter(
    (entry) => entry.action === "integration.updated",
  );
  expect(update!.changed_fields).toEqual(["name"]);

  await form.getByRole("button", { name: "Replace Refresh token" }).click();
  await expect(form.getByLabel("Refresh token")).toBeFocused();
  await form.getByLabel("Refresh token").fill("refresh-token-2");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("detail-message")).toContainText("Changes saved.");
  await expect
    .poll(
      async () =>
        (await auditEntriesFor(api, orgId, created.id)).filter((e) => e.action === "integration.updated").length,
    )
    .toBe(2);
  const [latest] = await auditEntriesFor(api, orgId, created.id);
  expect(latest!.changed_fields).toEqual(["refresh_token"]);
});

/** The list narrowed by a search for `name`, and that integration's row in it. */
async function searchRow(page: Page, name: string) {
  await page.getByLabel("Search by name").fill(name);
  return page.getByTestId("integration-row").filter({ hasText: name });
}

/** An integration created through the API (in the signed-in organization), and its row in the open list. */
async function listedIntegration(page: Page, api: APIRequestContext, orgId: string, fields: Record<string, unknown>) {
  const created = await createIntegrationViaApi(api, { org_id: orgId, ...fields });
  await open(page, `/orgs/${orgId}/integrations`);
  return { created, row: await searchRow(page, created.name) };
}

test("the toggle switches at once and the server agrees", async ({ page, api, orgId }) => {
  const { created, row } = await listedIntegration(page, api, orgId, {
    integration_type: "hubspot",
    name: uniqueName("Toggle me"),
    access_token: "pat-1",
  });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Inactive")).toBeVisible();
  const toggle = row.getByRole("switch", { name: `Active: ${created.name}` });
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(page.getByTestId("list-message")).toContainText("Integration activated successfully");
  expect((await getIntegrationViaApi(api, created.id)).integration!.is_active).toBe(true);
});

test("a toggle the server refuses is rolled back with a visible message", async ({ browser, api, orgId }) => {
  // A real refusal: an admin whose role is lowered to viewer while their page is open.
  const email = `demoted-${Date.now()}@e2e.test`;
  addMember(orgId, email, PASSWORD, "admin");
  const context = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const created = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "other",
    name: uniqueName("Refused"),
    is_active: true,
  });
  await open(page, "/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  const row = await searchRow(page, created.name);
  const toggle = row.getByRole("switch", { name: `Active: ${created.name}` });
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  addMember(orgId, email, PASSWORD, "viewer");
  await toggle.click();
  await expect(page.getByTestId("list-message")).toContainText(
    `Could not deactivate “${created.name}”: Your role (viewer) does not allow this action`,
  );
  await expect(page.getByTestId("list-message")).toContainText("The change was undone.");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await screenshot(page, "09-toggle-refused");
  expect((await getIntegrationViaApi(api, created.id)).integration!.is_active).toBe(true);
  await context.close();
});

test("delete asks in a dialog naming the integration; Escape cancels, confirming deletes", async ({
  page,
  api,
  orgId,
}) => {
  const { created, row } = await listedIntegration(page, api, orgId, {
    integration_type: "other",
    name: uniqueName("Old webhook relay"),
    webhook_url: "https://relay.example.test/hook",
  });
  await expect(row.getByText("https://relay.example.test/hook")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "10-integrations-list");

  await row.getByRole("button", { name: `Delete ${created.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Delete “${created.name}”?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page);
  await screenshot(page, "11-delete-dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(row.getByRole("button", { name: `Delete ${created.name}` })).toBeFocused();
  expect((await getIntegrationViaApi(api, created.id)).status).toBe(200);

  await row.getByRole("button", { name: `Delete ${created.name}` }).click();
  await dialog.getByRole("button", { name: "Delete integration" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("list-message")).toContainText(`Deleted “${created.name}”.`);
  await expect(row).toHaveCount(0);
  expect((await getIntegrationViaApi(api, created.id)).status).toBe(404);
});

test("an integration that does not exist says so", async ({ page, orgId }) => {
  await open(page, `/orgs/${orgId}/integrations/00000000-0000-4000-8000-000000000000`);
  await expect(page.getByTestId("detail-error")).toContainText("Integration not found");
  await expect(page.getByRole("link", { name: "Back to integrations" })).toBeVisible();
});

test("search, type filter and active-only narrow the list", async ({ page, api, orgId }) => {
  const tag = uniqueName("Filter").replace(" ", "-");
  await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "hubspot",
    name: `${tag} hubspot on`,
    access_token: "t",
    is_active: true,
  });
  await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "hubspot",
    name: `${tag} hubspot off`,
    access_token: "t",
  });
  await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "odoo_crm",
    name: `${tag} odoo`,
    api_base_url: "https://odoo.example.test",
    config: { database: "prod", login: "bot@acme.test" },
    is_active: true,
  });
  await open(page, `/orgs/${orgId}/integrations`);
  await page.getByLabel("Search by name").fill(tag);
  const rows = page.getByTestId("integration-row");
  await expect(rows).toHaveCount(3);
  await page.getByLabel("Type").selectOption({ label: "HubSpot" });
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Active only").check();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${tag} hubspot on`);
  await page.getByLabel("Type").selectOption({ label: "Salesforce" });
  await expect(page.getByText("No integrations match these filters.")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Search by name")).toHaveValue("");
});

test.describe("as a viewer", () => {
  test.use({ storageState: "test-results/e2e-auth/viewer.json" });

  test("everything is visible and nothing can be changed", async ({ page, api, orgId }) => {
    const { created, row } = await listedIntegration(page, api, orgId, {
      integration_type: "odoo_crm",
      name: uniqueName("Odoo"),
      api_base_url: "https://odoo.example.test",
      api_secret: "k",
      config: { database: "prod", login: "bot@acme.test" },
    });
    await expect(page.getByText(`${USERS.viewer}`)).toBeVisible();
    await expect(row).toHaveCount(1);
    await expect(page.getByRole("link", { name: "Add integration" })).toHaveCount(0);
    await expect(page.getByRole("switch")).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
    await screenshot(page, "12-viewer-list");

    await row.getByRole("link", { name: created.name }).click();
    const form = page.getByRole("form", { name: "Edit integration" });
    await expect(form.getByLabel("Database")).toHaveValue("prod");
    await expect(form.getByLabel("Database")).toBeDisabled();
    await expect(form.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await expect(form.getByRole("button", { name: /^Replace/ })).toHaveCount(0);
    await expect(page.getByText("Read-only: your role (viewer) cannot change integrations.")).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "13-viewer-detail");

    // An organization the viewer does not belong to does not exist for them.
    const response = await page.goto(`/orgs/${process.env.E2E_SECOND_ORG_ID}/integrations`);
    expect(response?.status()).toBe(404);
  });
});
