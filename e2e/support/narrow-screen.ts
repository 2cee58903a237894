// Phone width: the page must fit 390 px without scrolling sideways.
import { expect, type Page } from "@playwright/test";

export const PHONE_WIDTH = 390;

export async function expectFitsPhoneWidth(page: Page) {
  const previous = page.viewportSize();
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  expect(widths.document, "document wider than the viewport").toBeLessThanOrEqual(PHONE_WIDTH);
  expect(widths.body, "body wider than the viewport").toBeLessThanOrEqual(PHONE_WIDTH);
  if (previous) await page.setViewportSize(previous);
}
