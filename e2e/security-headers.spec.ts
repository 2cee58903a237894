// Response headers and the Content-Security-Policy, proven in Chromium against the production build: every page
// carries a fresh nonce, renders and hydrates with no CSP violation, and API responses keep a small static policy.
// Script injected into a page is refused: csp-injection.spec.ts.
import { createIntegrationViaApi } from "./support/api";
import { expectNoncePolicy, openWithPolicy, recordViolations, violations } from "./support/csp";
import { expect, hydrated, test, uniqueName } from "./support/fixtures";
import { createSignedPage, deliverSigned, digits, personMessage } from "./support/meta";
import { PASSWORD, USERS } from "./support/seed-data";

test.describe("Content-Security-Policy on every page", () => {
  test.beforeEach(async ({ page }) => recordViolations(page));

  test("sign-in: nonce policy, hydrated, a real sign-in works, no violations", async ({ browser, orgId }) => {
    const context = await browser.newContext({
      baseURL: process.env.E2E_BASE_URL,
      storageState: { cookies: [], origins: [] },
    });
    const page = await context.newPage();
    await recordViolations(page);
    const nonces: string[] = [];
    await openWithPolicy(page, "/signin", nonces);
    await openWithPolicy(page, "/signin", nonces);
    expect(new Set(nonces).size).toBe(2);

    // Client-side validation answers only if React runs; the sign-in itself is a fetch (connect-src) and a navigation.
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter your email address")).toBeVisible();
    await page.getByLabel("Email").fill(USERS.owner);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(new RegExp(`/orgs/${orgId}/integrations$`));
    await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  test("integrations list, detail, new integration and API keys: fresh nonces, working pages, no violations", async ({
    page,
    api,
    orgId,
  }) => {
    const name = uniqueName("CSP HubSpot");
    const integration = await createIntegrationViaApi(api, {
      org_id: orgId,
      integration_type: "hubspot",
      name,
      access_token: "pat-na1-csp",
      is_active: true,
    });
    const nonces: string[] = [];

    await openWithPolicy(page, `/orgs/${orgId}/integrations`, nonces);
    await page.getByLabel("Search by name").fill(name);
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await openWithPolicy(page, `/orgs/${orgId}/integrations/${integration.id}`, nonces);
    const activeSwitch = page.getByRole("switch", { name: `Active: ${name}` });
    await expect(activeSwitch).toHaveAttribute("aria-checked", "true");
    await activeSwitch.click();
    await expect(activeSwitch).toHaveAttribute("aria-checked", "false");
    expect(await violations(page)).toEqual([]);

    await openWithPolicy(page, `/orgs/${orgId}/integrations/new`, nonces);
    await page.getByRole("link", { name: /HubSpot/ }).click();
    await expect(page).toHaveURL(/type=hubspot/);
    await page
      .getByRole("form", { name: "New integration" })
      .getByRole("button", { name: "Create integration" })
      .click();
    await expect(page.getByTestId("error-name")).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await openWithPolicy(page, `/orgs/${orgId}/api-keys`, nonces);
    const keyName = uniqueName("CSP key");
    await page.getByLabel("Name", { exact: true }).fill(keyName);
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByTestId("new-api-key")).toContainText(`Key “${keyName}” created`);
    expect(await violations(page)).toEqual([]);

    await openWithPolicy(page, `/orgs/${orgId}/integrations`, nonces);
    expect(new Set(nonces).size, "one nonce per request").toBe(nonces.length);
  });

  test("Facebook inbox: nonce policy, conversations open, no violations", async ({ page, api, orgId, playwright }) => {
    const psid = digits(16);
    const signed = await createSignedPage(api, orgId, "CSP page");
    const integration = { id: signed.integrationId };
    await deliverSigned(playwright, orgId, signed, [personMessage(signed, psid, { text: "Is CSP on?" })]);

    const nonces: string[] = [];
    await openWithPolicy(page, `/orgs/${orgId}/integrations/${integration.id}`, nonces);
    const inbox = page.getByTestId("inbox");
    await inbox.getByRole("button", { name: new RegExp(`Facebook user …${psid.slice(-4)}`) }).click();
    await expect(inbox.getByTestId("thread").getByTestId("message")).toContainText("Is CSP on?");
    await expect(inbox.getByLabel(`Reply to person ${psid}`)).toBeEditable();
    expect(await violations(page)).toEqual([]);
  });
});

test("the 404 page is rendered per request with a nonce too, and styled without inline styles", async ({ page }) => {
  await recordViolations(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await hydrated(page);
  await expectNoncePolicy(page, response);
  await expect(page.getByRole("heading", { name: "This page could not be found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your integrations" }).click();
  await expect(page).toHaveURL(/\/orgs\/.+\/integrations$/);
  expect(await violations(page)).toEqual([]);
});

test("API responses keep a static policy, the frame and sniffing headers, HSTS, and 401 JSON without a redirect", async ({
  playwright,
}) => {
  const anonymous = await playwright.request.newContext({
    baseURL: process.env.E2E_BASE_URL,
    storageState: { cookies: [], origins: [] },
  });
  for (const path of [
    "/organization-integrations?org_id=00000000-0000-4000-8000-000000000000",
    "/me",
    "/webhook?org_id=x",
    "/healthz",
    "/openapi.json",
    "/api/auth/session",
  ]) {
    const headers = (await anonymous.get(path, { maxRedirects: 0 })).headers();
    expect(headers["content-security-policy"], path).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["strict-transport-security"], path).toBe("max-age=63072000; includeSubDomains");
  }
  for (const path of ["/organization-integrations?org_id=00000000-0000-4000-8000-000000000000", "/me"]) {
    const unauthenticated = await anonymous.get(path, { maxRedirects: 0 });
    expect(unauthenticated.status(), path).toBe(401);
    expect(await unauthenticated.json()).toEqual({ error: expect.any(String) });
  }

  const page = await anonymous.get("/signin");
  expect(page.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  expect(page.headers()["x-frame-options"]).toBe("DENY");
  expect(page.headers()["content-security-policy"]).toContain("script-src 'self' 'nonce-");
  await anonymous.dispose();
});
