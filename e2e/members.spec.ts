// Members in the browser: an owner invites someone, who accepts in a second browser and is signed in with the invited
// role; a role change and a removal reach that person's very next page; password-reset link and Account page.
import type { Browser, Page } from "@playwright/test";
import { expectAccessible, expect, hydrated, open, screenshot, test, uniqueName } from "./support/fixtures";
import { expectFitsPhoneWidth } from "./support/narrow-screen";
import { USERS } from "./support/seed-data";

const FIRST = "invitee's first password";
const SECOND = "invitee's second password";
const THIRD = "invitee's third password";

async function inviteeBrowser(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

async function roleSelect(page: Page, email: string) {
  return page.getByLabel(`Role of ${email}`);
}

test("invite, accept in another browser, role change, reset link, account, removal", async ({
  page,
  browser,
  baseURL,
  orgId,
}) => {
  test.setTimeout(240_000);
  const email = `${uniqueName("invitee").replace(" ", "-")}@e2e.test`;

  await open(page, `/orgs/${orgId}/members`);
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(page.getByTestId("member-row").filter({ hasText: USERS.owner })).toContainText("(you)");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("admin");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const inviteUrl = await page.getByRole("textbox", { name: "Invite link" }).inputValue();
  expect(inviteUrl).toMatch(/\/invite\/oiv_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("invite-row").filter({ hasText: email })).toContainText("Admin");
  await expectAccessible(page);
  await expectFitsPhoneWidth(page);
  await screenshot(page, "21-members");

  // The invited person, in a browser of their own.
  const invitee = await inviteeBrowser(browser, baseURL!);
  await open(invitee, new URL(inviteUrl).pathname);
  await expect(invitee.getByRole("heading", { name: "Join Acme Support" })).toBeVisible();
  await expect(invitee.getByTestId("invite-email")).toHaveText(email);
  await expectAccessible(invitee);
  await expectFitsPhoneWidth(invitee);
  await screenshot(invitee, "22-accept-invite");
  await invitee.getByLabel("Your name (optional)").fill("Ines Invitee");
  await invitee.getByLabel("Choose a password").fill(FIRST);
  await invitee.getByLabel("Password again").fill(FIRST);
  await invitee.getByRole("button", { name: "Join the organization" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/orgs/${orgId}/integrations$`), { timeout: 30_000 });
  const header = invitee.getByRole("banner");
  await expect(header).toContainText(email);
  await expect(header).toContainText("admin");
  await expect(header.getByRole("link", { name: "API keys" })).toBeVisible();

  // Signing in again by hand gives the same role.
  await invitee.getByRole("button", { name: "Sign out" }).click();
  await expect(invitee).toHaveURL(/\/signin/);
  await hydrated(invitee);
  await invitee.getByLabel("Email", { exact: true }).fill(email);
  await invitee.getByLabel("Password").fill(FIRST);
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee).toHaveURL(new RegExp(`/orgs/${orgId}/integrations$`), { timeout: 30_000 });
  await expect(header).toContainText("admin");
  // The link worked once.
  await open(invitee, new URL(inviteUrl).pathname);
  await expect(invitee.getByRole("heading", { name: "This invite link does not work" })).toBeVisible();

  // The owner makes them a viewer: their next page has the viewer's rights.
  await page.reload();
  await (await roleSelect(page, email)).selectOption("viewer");
  await expect(await roleSelect(page, email)).toHaveValue("viewer");
  await open(invitee, `/orgs/${orgId}/integrations`);
  await expect(header).toContainText("viewer");
  await expect(header.getByRole("link", { name: "API keys" })).toHaveCount(0);

  // A one-time password-reset link from the owner.
  await page.getByRole("button", { name: `Reset password of ${email}` }).click();
  const resetUrl = await page.getByRole("textbox", { name: "Password-reset link" }).inputValue();
  const resetPage = await inviteeBrowser(browser, baseURL!);
  await open(resetPage, new URL(resetUrl).pathname);
  await expect(resetPage.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expectAccessible(resetPage);
  await expectFitsPhoneWidth(resetPage);
  await resetPage.getByLabel("New password", { exact: true }).fill(SECOND);
  await resetPage.getByLabel("New password again").fill(SECOND);
  await resetPage.getByRole("button", { name: "Set the new password" }).click();
  await expect(resetPage).toHaveURL(new RegExp(`/orgs/${orgId}/integrations$`), { timeout: 30_000 });
  // The reset ended the invitee's earlier session.
  await open(invitee, `/orgs/${orgId}/integrations`);
  await expect(invitee).toHaveURL(/\/signin/);

  // Account: change the password with the current one; this browser stays signed in.
  await open(resetPage, `/orgs/${orgId}/account`);
  await expect(resetPage.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expectAccessible(resetPage);
  await expectFitsPhoneWidth(resetPage);
  await screenshot(resetPage, "23-account");
  await resetPage.getByLabel("Current password").fill("wrong current password");
  await resetPage.getByLabel("New password", { exact: true }).fill(THIRD);
  await resetPage.getByLabel("New password again").fill(THIRD);
  await resetPage.getByRole("button", { name: "Change password" }).click();
  await expect(resetPage.getByTestId("password-error")).toHaveText("The current password is not correct");
  await resetPage.getByLabel("Current password").fill(SECOND);
  await resetPage.getByRole("button", { name: "Change password" }).click();
  await expect(resetPage.getByTestId("password-changed")).toBeVisible({ timeout: 30_000 });
  await open(resetPage, `/orgs/${orgId}/integrations`);
  await expect(resetPage.getByRole("banner")).toContainText(email);

  // Removal, confirmed: their next page sends them to sign in.
  await page.getByRole("button", { name: `Remove ${email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toHaveCount(0);
  await open(resetPage, `/orgs/${orgId}/integrations`);
  await expect(resetPage).toHaveURL(/\/signin/);
});

test.describe("as a viewer", () => {
  test.use({ storageState: "test-results/e2e-auth/viewer.json" });

  test("sees the members but cannot change them", async ({ page, orgId }) => {
    await open(page, `/orgs/${orgId}/members`);
    await expect(page.getByTestId("member-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
  });
});
