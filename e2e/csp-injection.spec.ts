// Script an attacker manages to put into a page (through the DOM or through the HTML itself) does not run: the
// Content-Security-Policy refuses it, as Chromium reports.
import { expectInjectionsRefused, recordViolations } from "./support/csp";
import { expect, open, test } from "./support/fixtures";

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
    await expectInjectionsRefused(page);
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
      await expectInjectionsRefused(page);
    },
  );
});
