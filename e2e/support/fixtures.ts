// Test fixtures: the server's address, the seeded organization, an API client with the owner's API key, a check
// that the page logs no console errors, and helpers for screenshots and the axe scan.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import path from "node:path";
import { STATE_DIR } from "./seed-data";

type Fixtures = {
  orgId: string;
  api: APIRequestContext;
  consoleErrors: string[];
};

export const test = base.extend<Fixtures>({
  baseURL: async ({}, provide) => provide(process.env.E2E_BASE_URL),
  storageState: path.join(STATE_DIR, "owner.json"),
  orgId: async ({}, provide) => provide(process.env.E2E_ORG_ID!),
  api: async ({ playwright }, provide) => {
    const context = await playwright.request.newContext({
      baseURL: process.env.E2E_BASE_URL,
      extraHTTPHeaders: { Authorization: `Bearer ${process.env.E2E_API_KEY}` },
    });
    await provide(context);
    await context.dispose();
  },
  consoleErrors: [
    async ({ page }, provide) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // A refused request the UI handles (e.g. 403 on a refused toggle) is logged by Chromium itself: not a bug.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
          errors.push(message.text());
      });
      await provide(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const asViewer = path.join(STATE_DIR, "viewer.json");

/** Navigates and waits until React has hydrated, as a person would before typing into a form. */
export async function open(page: Page, url: string) {
  await page.goto(url);
  await hydrated(page);
}

/** Waits until React has hydrated the page a navigation (a link, a redirect, sign-out) just loaded. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join("e2e", "screenshots", `${name}.png`), fullPage: true });
}

/** No serious or critical axe violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
  expect(blocking).toEqual([]);
}

export function uniqueName(prefix: string) {
  return `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
}
