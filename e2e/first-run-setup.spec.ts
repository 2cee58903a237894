// A fresh install in the browser: with no user in the database every page leads to the setup screen; it creates the
// organization and its owner and signs them in; afterwards the screen and its endpoint are gone for good.
import { expectAccessible, expect, open, screenshot, test } from "./support/fixtures";
import { startFreshServer } from "./support/fresh-server";
import { expectFitsPhoneWidth } from "./support/narrow-screen";

test.describe("first-run setup", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test.setTimeout(180_000);

  let server: Awaited<ReturnType<typeof startFreshServer>>;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = await startFreshServer();
  });
  test.afterAll(async () => server?.stop());

  test("creates the organization and its owner, signs them in, and never shows again", async ({ page }) => {
    await open(page, `${server.url}/orgs/00000000-0000-4000-8000-000000000000/integrations`);
    await expect(page).toHaveURL(`${server.url}/setup`);
    await expect(page.getByRole("heading", { name: "Set up Org Integrations" })).toBeVisible();
    await expectAccessible(page);
    await expectFitsPhoneWidth(page);
    await screenshot(page, "20-first-run-setup");

    await page.getByLabel("Organization name").fill("Fresh Co");
    await page.getByLabel("Your email").fill("founder@fresh.test");
    await page.getByLabel("Password", { exact: true }).fill("founder's long password");
    await page.getByLabel("Password again").fill("not the same password");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByText("The two passwords are not the same")).toBeVisible();
    await page.getByLabel("Password again").fill("founder's long password");
    await page.getByRole("button", { name: "Create organization" }).click();

    await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}\/integrations$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    await expect(page.getByText("founder@fresh.test")).toBeVisible();

    // Gone for good: the page sends people to sign in (here: signed in, so on to their organization), the endpoint refuses.
    await open(page, `${server.url}/setup`);
    await expect(page).not.toHaveURL(/\/setup$/);
    const replay = await page.request.post(`${server.url}/first-run-setup`, {
      data: { organization_name: "Takeover", email: "attacker@evil.test", password: "attacker's long password" },
    });
    expect(replay.status()).toBe(409);
    const anonymous = await page.context().browser()!.newContext();
    const stranger = await anonymous.newPage();
    await stranger.goto(`${server.url}/setup`);
    await expect(stranger).toHaveURL(`${server.url}/signin`);
    await anonymous.close();
  });
});
