import { createIntegrationViaApi, getIntegrationViaApi } from "./support/api";
import { open, test, expect, uniqueName } from "./support/fixtures";

test("an integration can be created with the keyboard alone, with a visible focus ring on each stop", async ({
  page,
  api,
  orgId,
}) => {
  await open(page, `/orgs/${orgId}/integrations`);
  const focusedOutline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);

  // Tab until "Add integration" is focused (skip link, header, nav come first).
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent)) === "Add integration") break;
  }
  await expect(page.getByRole("link", { name: "Add integration" })).toBeFocused();
  expect(await focusedOutline()).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Add an integration" })).toBeVisible();

  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    if (await page.getByRole("link", { name: /HubSpot/ }).evaluate((el) => el === document.activeElement)) break;
  }
  expect(await focusedOutline()).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "New HubSpot integration" })).toBeVisible();

  const name = uniqueName("Keyboard HubSpot");
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    if (await page.getByLabel("Integration Name").evaluate((el) => el === document.activeElement)) break;
  }
  expect(await focusedOutline()).not.toBe("none");
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await page.keyboard.type("pat-keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.type("123");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space"); // "Activate Now" off
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const id = page.url().split("/integrations/")[1]!.split("?")[0]!;
  expect((await getIntegrationViaApi(api, id)).integration).toMatchObject({
    name,
    is_active: false,
    config: { portal_id: "123" },
  });
});

test("when the list cannot be loaded, the error says so and Retry loads it", async ({ page, api, orgId }) => {
  const created = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "other",
    name: uniqueName("After retry"),
  });
  // The first list comes rendered with the page; the whole list is then fetched by the browser when the "Needs
  // attention" filter is cleared. The browser loses the network for its first two attempts (the query retries once).
  await open(page, `/orgs/${orgId}/integrations?attention=1`);
  await page.route("**/organization-integrations?**", (route) => route.abort("internetdisconnected"), { times: 2 });
  await page.getByRole("checkbox", { name: "Needs attention" }).uncheck();
  const error = page.getByTestId("list-error");
  await expect(error).toContainText("The integrations could not be loaded");
  await expect(error).toContainText("The server could not be reached");
  await error.getByRole("button", { name: "Retry" }).click();
  await expect(error).toBeHidden();
  await expect(page.getByRole("link", { name: created.name, exact: true })).toBeVisible();
});
