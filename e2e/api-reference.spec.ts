// The API reference at /docs/api: Scalar's bundle served by this app renders /openapi.json in Chromium under the
// page's nonce Content-Security-Policy, with no request to any other host (it must work offline), and the app's
// header links to it.
import { expect, open, screenshot, test } from "./support/fixtures";

type CspWindow = Window & { __cspViolations?: string[] };

test("renders the OpenAPI document offline, under the page's CSP", async ({ page, orgId }) => {
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.addInitScript(() => {
    const target = window as CspWindow;
    target.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      target.__cspViolations!.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });

  await open(page, `/orgs/${orgId}/integrations`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  const policy = (await page.request.get("/docs/api")).headers()["content-security-policy"];
  // Scripts nonce-only as on every page; inline styles allowed here only (Scalar's components set style attributes).
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+';/);
  expect(policy).toContain("style-src 'self' 'unsafe-inline';");

  // Scalar's own rendering of the document: the title, a tag, an operation and a named schema.
  await expect(page.getByRole("heading", { name: "Organization Integrations API" }).first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText("List an organization's integrations").first()).toBeAttached();
  await expect(page.getByText("IntegrationList").first()).toBeAttached();
  await screenshot(page, "api-reference");

  const origin = new URL(page.url()).origin;
  const elsewhere = requests.filter(
    (url) => !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"),
  );
  expect(elsewhere, "requests to other hosts").toEqual([]);
  expect(await page.evaluate(() => (window as CspWindow).__cspViolations)).toEqual([]);
});
