// The audit page in Chromium: newest first, filters by action, actor and integration (kept in the address), keyset
// "Load more", never a value — and the axe scan.
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { createOrg } from "./support/cli";
import { expectAccessible, hydrated, open, screenshot, test, expect } from "./support/fixtures";
import { PASSWORD, USERS } from "./support/seed-data";

const SECRET = "audit-page-secret-token-31415";

async function apiAs(playwright: PlaywrightWorkerArgs["playwright"], key: string): Promise<APIRequestContext> {
  return playwright.request.newContext({
    baseURL: process.env.E2E_BASE_URL,
    extraHTTPHeaders: { Authorization: `Bearer ${key}` },
  });
}

async function post(api: APIRequestContext, path: string, data: Record<string, unknown>) {
  const response = await api.post(path, { data });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as Record<string, { id: string; key?: string }>;
}

test("the audit page lists changes newest first, filters by action, actor and integration, pages with Load more, never shows values", async ({
  page,
  playwright,
}) => {
  test.setTimeout(120_000);
  // Its own organization, so the other tests' changes do not mix in.
  const org = createOrg("Audit Co", USERS.owner, PASSWORD);
  const owner = await apiAs(playwright, org.api_key!);
  const shop = (
    await post(owner, "/create-organization-integration", {
      org_id: org.org_id,
      integration_type: "other",
      name: "Shop CRM",
      access_token: SECRET,
    })
  ).integration!;
  const helpdesk = (
    await post(owner, "/create-organization-integration", {
      org_id: org.org_id,
      integration_type: "other",
      name: "Helpdesk",
    })
  ).integration!;
  const robotKey = (
    await post(owner, "/create-organization-api-key", { org_id: org.org_id, name: "Nightly robot", role: "admin" })
  ).api_key!;
  const robot = await apiAs(playwright, robotKey.key!);
  await post(robot, "/update-organization-integration", {
    id: shop.id,
    name: "Shop CRM 2",
    access_token: `${SECRET}-rotated`,
  });
  // 55 toggles of the help desk by the robot: more than one page (50) of entries.
  for (let i = 0; i < 55; i++)
    await post(robot, "/toggle-organization-integration", { id: helpdesk.id, active: i % 2 === 0 });
  await Promise.all([owner.dispose(), robot.dispose()]);

  await open(page, `/orgs/${org.org_id}/audit`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const entries = page.getByTestId("audit-entry");
  await expect(entries).toHaveCount(50);
  await expect(entries.first()).toHaveAttribute("data-action", "integration.activated");
  await page.getByRole("button", { name: "Load more" }).click();
  // Everything the API has (org:create's own entries too), in its order, and nothing twice.
  const all = await apiAs(playwright, org.api_key!);
  const everything = (await (await all.get(`/organization-audit-log?org_id=${org.org_id}&limit=200`)).json()) as {
    entries: { action: string }[];
  };
  await all.dispose();
  expect(everything.entries.length).toBeGreaterThanOrEqual(59);
  await expect(entries).toHaveCount(everything.entries.length);
  await expect(page.getByRole("button", { name: "Load more" })).toBeHidden();
  expect(await entries.evaluateAll((items) => items.map((item) => item.getAttribute("data-action")))).toEqual(
    everything.entries.map((entry) => entry.action),
  );
  await expect(entries.filter({ hasText: "created integration" }).filter({ hasText: "Shop CRM 2" })).toHaveCount(1);
  await expect(page.getByTestId("audit-entry").filter({ hasText: "updated integration" })).toContainText(
    "Fields: name, access_token",
  );
  expect(await page.content()).not.toContain(SECRET);
  await expectAccessible(page);

  await page.getByLabel("Action").selectOption("integration.updated");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("Nightly robot");
  await expect(page).toHaveURL(/action=integration\.updated/);

  await page.getByLabel("Action").selectOption("");
  const robotOption = page.getByLabel("Actor").locator("option", { hasText: "Nightly robot" });
  await expect(robotOption).toHaveText(/^Nightly robot \(oik_.+…\) \(API key\)$/);
  await page.getByLabel("Actor").selectOption((await robotOption.getAttribute("value"))!);
  await expect(entries).toHaveCount(50);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(entries).toHaveCount(56);
  for (const text of await entries.allTextContents()) expect(text).toContain("Nightly robot");

  await page.getByLabel("Actor").selectOption("");
  await page.getByLabel("Integration").selectOption({ label: "Shop CRM 2" });
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute("data-action", "integration.updated");
  await expect(entries.nth(1)).toHaveAttribute("data-action", "integration.created");
  await expect(page).toHaveURL(new RegExp(`integration_id=${shop.id}`));

  // The filtered address reloads to the same view.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Integration")).toHaveValue(shop.id);
  await expect(entries).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, "audit-log");
});

test.describe("as a viewer", () => {
  test.use({ storageState: "test-results/e2e-auth/viewer.json" });
  test("the audit page is for owners and admins", async ({ page, orgId }) => {
    await open(page, `/orgs/${orgId}/audit`);
    await expect(page.getByText("Your role (viewer) cannot read the audit log.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  });
});
