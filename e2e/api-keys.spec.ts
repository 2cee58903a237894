import { expectAccessible, screenshot, test, expect, uniqueName, open } from "./support/fixtures";

test("an API key is shown once with a copy button, works, and stops working once revoked", async ({ page, orgId }) => {
  await open(page, `/orgs/${orgId}/integrations`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Bootstrap key" })).toBeVisible();

  const name = uniqueName("CRM sync");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toContainText(`Key “${name}” created`);
  const key = await shown.getByRole("textbox", { name: "New API key" }).inputValue();
  expect(key).toMatch(/^oik_/);
  await expect(shown.getByRole("button", { name: "Copy New API key" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "14-api-keys");

  const me = await page.request.get("/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);

  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText("Revoked")).toBeVisible();
  const refused = await page.request.get("/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});
