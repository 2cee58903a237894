// Every page at 390 px (a phone held upright): no horizontal page scroll, the list as cards, the inbox as list →
// thread, forms in one column, and the navigation's attention badge leading to the integrations that need it.
import type { Page } from "@playwright/test";
import { createIntegrationViaApi } from "./support/api";
import { createOrg } from "./support/cli";
import { expectAccessible, open, screenshot, test, expect } from "./support/fixtures";
import { createSignedPage, deliverSigned, digits, personMessage } from "./support/meta";
import { PASSWORD, USERS } from "./support/seed-data";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSideways(page: Page, what: string) {
  // Layout settles after fonts and data: measure once the page is quiet.
  await page.waitForLoadState("networkidle");
  const size = await page.evaluate(() => {
    // What sticks out, to name in the failure: the innermost elements whose right edge passes the window's.
    const wide = [...document.querySelectorAll("body *")]
      .filter(
        (element) =>
          element.getBoundingClientRect().right > window.innerWidth + 0.5 &&
          ![...element.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 0.5),
      )
      .slice(0, 5)
      .map(
        (element) =>
          `<${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}"> ${Math.round(element.getBoundingClientRect().right)}px`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, wide };
  });
  expect(
    size.scrollWidth,
    `${what}: the document is ${size.scrollWidth}px wide in a ${size.innerWidth}px window: ${size.wide.join("; ")}`,
  ).toBeLessThanOrEqual(size.innerWidth);
}

const LONG_NAME = "Customer support inbox for the northern European retail stores and their weekend helpdesk";

test("every page of an organization fits a 390 px screen", async ({ page, api, orgId, playwright }) => {
  test.setTimeout(120_000);
  const facebook = await createSignedPage(api, orgId, LONG_NAME);
  const other = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "other",
    name: `${LONG_NAME} ${digits(4)}`,
    webhook_url: `https://hooks.example.com/${"very-long-path-segment/".repeat(6)}`,
  });
  const psid = digits(16);
  await deliverSigned(playwright, orgId, facebook, [
    personMessage(facebook, psid, { text: `A long message without spaces: ${"x".repeat(120)}` }),
  ]);

  await open(page, `/orgs/${orgId}/integrations`);
  // The list is cards: the column headers are for screen readers only, each card names its fields.
  await expect(page.getByRole("link", { name: other.name, exact: true })).toBeVisible();
  const card = page.getByTestId("integration-row").filter({ hasText: other.name });
  expect((await card.boundingBox())!.width).toBeLessThanOrEqual(390);
  const typeCell = card.locator('td[data-label="Type"]');
  expect(
    await typeCell.evaluate((cell) => [getComputedStyle(cell).display, getComputedStyle(cell, "::before").content]),
  ).toEqual(["flex", '"Type"']);
  await expectNoSideways(page, "integrations list");
  await screenshot(page, "phone-integrations");

  await open(page, `/orgs/${orgId}/integrations?attention=1`);
  await expectNoSideways(page, "integrations needing attention");

  await open(page, `/orgs/${orgId}/integrations/new`);
  await expectNoSideways(page, "new integration: choose a type");
  for (const type of ["facebook", "hubspot", "salesforce", "odoo_crm", "other"]) {
    await open(page, `/orgs/${orgId}/integrations/new?type=${type}`);
    await expectNoSideways(page, `new ${type} integration form`);
  }

  await open(page, `/orgs/${orgId}/integrations/${other.id}`);
  await expect(page.getByRole("heading", { name: other.name })).toBeVisible();
  await expectNoSideways(page, "integration detail");

  // The inbox: the list first, a person's thread on its own, and back.
  await open(page, `/orgs/${orgId}/integrations/${facebook.integrationId}`);
  const inbox = page.getByTestId("inbox");
  const conversation = inbox.getByTestId("conversation").first();
  await expect(conversation).toBeVisible();
  await expect(inbox.getByTestId("thread")).toBeHidden();
  await expectNoSideways(page, "Facebook integration with its inbox");
  await conversation.click();
  await expect(inbox.getByTestId("thread")).toContainText("A long message without spaces");
  await expect(conversation).toBeHidden();
  await expectNoSideways(page, "an inbox thread");
  await screenshot(page, "phone-inbox-thread");
  await inbox.getByRole("button", { name: "All conversations" }).click();
  await expect(conversation).toBeVisible();

  for (const [path, what] of [
    [`/orgs/${orgId}/api-keys`, "API keys"],
    [`/orgs/${orgId}/audit`, "audit log"],
    [`/orgs/${orgId}/no-such-page`, "a missing page"],
    [`/orgs/${orgId}/integrations/not-an-id`, "a malformed integration id"],
  ] as const) {
    await open(page, path);
    await expect(page.locator("h1").first()).toBeVisible();
    await expectNoSideways(page, what);
  }
  await expect(page.getByTestId("dashboard-not-found")).toBeVisible();
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test("the sign-in page fits a 390 px screen", async ({ page }) => {
    await open(page, "/signin");
    await expect(page.getByRole("button", { name: /sign in/i })).toBeVisible();
    await expectNoSideways(page, "sign-in");
  });
});

test("the attention badge counts integrations that need attention and leads to them", async ({ page, playwright }) => {
  // Its own organization: the other tests' integrations must not change the count.
  const org = createOrg("Attention Co", USERS.owner, PASSWORD);
  const api = await playwright.request.newContext({
    baseURL: process.env.E2E_BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${org.api_key}` },
  });
  await createIntegrationViaApi(api, {
    org_id: org.org_id,
    integration_type: "other",
    name: "All fine",
    is_active: true,
  });
  const unsigned = await createSignedPage(api, org.org_id!, "Accepts unsigned", {
    config: { page_id: digits(15), accept_unsigned_events: true },
  });
  await api.dispose();

  await open(page, `/orgs/${org.org_id}/integrations`);
  const badge = page.getByRole("link", { name: "1 integration needs attention" });
  await expect(badge).toBeVisible();
  await expectNoSideways(page, "navigation with the attention badge");
  await badge.click();
  await expect(page).toHaveURL(/\?attention=1/);
  const filter = page.getByRole("checkbox", { name: "Needs attention" });
  await expect(filter).toBeChecked();
  await expect(page.getByTestId("integration-row")).toHaveCount(1);
  await expect(page.getByTestId("integration-row")).toContainText("Accepts unsigned");
  // Setting it aside (deactivating) clears it: the badge goes.
  await page.getByRole("switch", { name: /Active: Accepts unsigned/ }).click();
  await expect(badge).toBeHidden();
  await filter.uncheck();
  await expect(page).not.toHaveURL(/attention=1/);
  await expect(page.getByTestId("integration-row")).toHaveCount(2);
  expect(unsigned.integrationId).toBeTruthy();
  await expectAccessible(page);
});
