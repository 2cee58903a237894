import { expectAccessible, screenshot, test, expect, open } from "./support/fixtures";
import { PASSWORD, USERS } from "./support/seed-data";

test.describe("signing in and out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a wrong password is refused, the right one opens the organization's integrations, sign-out ends it", async ({
    page,
    orgId,
  }) => {
    await open(page, "/");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "Sign in to Org Integrations" })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, "01-sign-in");

    await page.getByLabel("Email").fill(USERS.signOut);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText("The email or password is not correct.");

    // Keyboard only from here: the form submits with Enter.
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(new RegExp(`/orgs/${orgId}/integrations$`));
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    await expect(page.getByText(USERS.signOut)).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await open(page, `/orgs/${orgId}/integrations`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  });

  test("a password typed before the page's script runs never lands in the address", async ({ browser, baseURL }) => {
    // The attack: the form submits natively (script not loaded yet, or blocked); a GET form would put the password
    // into the URL, browser history and every proxy's access log.
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(USERS.signOut);
    await page.getByLabel("Password").fill(PASSWORD);
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === "/signin");
    await page.getByRole("button", { name: "Sign in" }).click();
    expect((await answer).status()).toBeLessThan(500);
    await page.waitForLoadState();
    expect(page.url()).not.toContain("password");
    expect(page.url()).not.toContain(encodeURIComponent(USERS.signOut));
    await context.close();
  });
});

test("the org switcher moves to another organization, whose empty list invites to add one", async ({ page, orgId }) => {
  await open(page, `/orgs/${orgId}/integrations`);
  await page.getByLabel("Organization").selectOption({ label: "Acme Labs" });
  await expect(page).toHaveURL(new RegExp(`/orgs/${process.env.E2E_SECOND_ORG_ID}/integrations$`));
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No integrations yet");
  await expect(empty.getByRole("link", { name: "Add your first integration" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "02-integrations-empty");
});
