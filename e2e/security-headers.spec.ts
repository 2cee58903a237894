// Response headers and the Content-Security-Policy, proven in Chromium against the production build: every page
// carries a fresh nonce, renders and hydrates with no CSP violation, and script an attacker manages to put into a
// page (through the DOM or through the HTML itself) does not run. API responses keep a small static policy.
import type { Page, Response } from "@playwright/test";
import { createIntegrationViaApi } from "./support/api";
import { expect, open, test, uniqueName } from "./support/fixtures";
import { createSignedPage, deliverSigned, digits, personMessage } from "./support/meta";
import { PASSWORD, USERS } from "./support/seed-data";

type Violation = { directive: string; blockedURI: string; sample: string };
type CspWindow = Window & { __cspViolations?: Violation[]; __pwned?: string[] };

/** Records every `securitypolicyviolation` of the page from the first byte on (init scripts are not subject to CSP). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const target = window as CspWindow;
    target.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      target.__cspViolations!.push({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sample: event.sample,
      });
    });
  });
}

const violations = (page: Page) => page.evaluate(() => (window as CspWindow).__cspViolations ?? []);
const pwned = (page: Page) => page.evaluate(() => (window as CspWindow).__pwned ?? []);

function directives(response: Response | null): Map<string, string[]> {
  const header = response?.headers()["content-security-policy"] ?? "";
  return new Map(
    header
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The page's CSP must be the strict nonce policy; returns its nonce after checking Next put it on the page's scripts. */
async function expectNoncePolicy(page: Page, response: Response | null): Promise<string> {
  const policy = directives(response);
  const scriptSrc = policy.get("script-src") ?? [];
  const nonce = scriptSrc.find((source) => source.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `script-src of ${page.url()}: ${scriptSrc.join(" ")}`).toMatch(/^[A-Za-z0-9+/_-]{22,}={0,2}$/);
  // Production: exactly this; no 'unsafe-inline', no eval, no 'strict-dynamic' (see lib/security/content-security-policy.ts).
  expect(scriptSrc).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(policy.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("connect-src")).toEqual(["'self'"]);
  // Every script the server wrote into the page carries this request's nonce, and so does every inline script in the
  // document now (the IDL property keeps it readable). Not checked: the <script src> the client runtime adds later to
  // load a code chunk of a page that streamed in after its loading.tsx — those are 'self', which the policy allows.
  const written = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map(
    (tag) => /\snonce="([^"]*)"/.exec(tag[0])?.[1] ?? "",
  );
  expect(written.length).toBeGreaterThan(0);
  expect(new Set(written)).toEqual(new Set([nonce]));
  const inlineNonces = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLScriptElement>("script:not([src])"), (script) => script.nonce),
  );
  expect(inlineNonces.length).toBeGreaterThan(0);
  expect(new Set(inlineNonces)).toEqual(new Set([nonce]));
  return nonce!;
}

/** Loads a page, waits for React, checks its policy and adds its nonce to `nonces` (callers check they all differ). */
async function openWithPolicy(page: Page, url: string, nonces: string[]) {
  const response = await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  nonces.push(await expectNoncePolicy(page, response));
}

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
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await expectNoncePolicy(page, response);
  await expect(page.getByRole("heading", { name: "This page could not be found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your integrations" }).click();
  await expect(page).toHaveURL(/\/orgs\/.+\/integrations$/);
  expect(await violations(page)).toEqual([]);
});

test.describe("script injected into a page does not run", () => {
  // These pages are meant to log CSP refusals: the shared "no console errors" check does not apply here.
  const attackTest = test.extend<{ consoleErrors: string[] }>({ consoleErrors: async ({}, provide) => provide([]) });

  attackTest("script and markup written into the page through the DOM are refused", async ({ page, orgId }) => {
    await recordViolations(page);
    await open(page, `/orgs/${orgId}/integrations`);
    await page.evaluate(() => {
      // A script element built by code (e.g. a library handed attacker data), an innerHTML sink, a javascript: link.
      const script = document.createElement("script");
      script.textContent = "(window.__pwned ||= []).push('dom script')";
      document.body.append(script);
      const holder = document.createElement("div");
      holder.innerHTML = `<img src="/no-such-image.png" onerror="(window.__pwned ||= []).push('dom handler')"><a href="javascript:(window.__pwned ||= []).push('javascript url')">x</a>`;
      document.body.append(holder);
      holder.querySelector("a")!.click();
    });
    // Each injection either ran or was refused: wait for all outcomes to be known, then require refusals only.
    await expect
      .poll(async () => (await violations(page)).length + (await pwned(page)).length)
      .toBeGreaterThanOrEqual(3);
    expect(await pwned(page)).toEqual([]);
    expect((await violations(page)).map((violation) => violation.directive).sort()).toEqual([
      "script-src-attr",
      "script-src-elem",
      "script-src-elem",
    ]);
  });

  attackTest(
    "script tags and handlers in the HTML itself (stored or reflected XSS) are refused",
    async ({ page, orgId }) => {
      await recordViolations(page);
      const url = `/orgs/${orgId}/integrations`;
      // Plays a server that let markup through: the real response, same headers, with the attacker's markup in the body.
      await page.route(`**${url}`, async (route) => {
        if (route.request().resourceType() !== "document") return route.continue();
        const response = await route.fetch();
        const injected = [
          "<script>(window.__pwned ||= []).push('inline script')</script>",
          `<script src="data:text/javascript,(window.__pwned ||= []).push('data script')"></script>`,
          `<img src="/no-such-image.png" onerror="(window.__pwned ||= []).push('html handler')">`,
        ].join("");
        await route.fulfill({ response, body: (await response.text()).replace("</body>", `${injected}</body>`) });
      });
      await open(page, url);
      await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
      await expect
        .poll(async () => (await violations(page)).length + (await pwned(page)).length)
        .toBeGreaterThanOrEqual(3);
      expect(await pwned(page)).toEqual([]);
      expect((await violations(page)).map((violation) => violation.directive).sort()).toEqual([
        "script-src-attr",
        "script-src-elem",
        "script-src-elem",
      ]);
    },
  );
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
