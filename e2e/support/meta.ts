// Meta's side in the browser tests: Facebook integrations with a known App Secret, and signed webhook deliveries to
// the running server, the way Meta sends them.
import { createHmac, randomInt } from "node:crypto";
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { createIntegrationViaApi } from "./api";
import { expect, uniqueName } from "./fixtures";

export const digits = (length: number) => Array.from({ length }, () => randomInt(0, 10)).join("");

export type SignedPage = { integrationId: string; pageId: string; appSecret: string };

/** An active Facebook integration whose deliveries can be signed (fields beyond the basics go in `extra`). */
export async function createSignedPage(
  api: APIRequestContext,
  orgId: string,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<SignedPage> {
  const pageId = digits(15);
  const appSecret = `secret-${digits(12)}`;
  const integration = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName(name),
    access_token: `EAAB${digits(24)}`,
    api_secret: appSecret,
    config: { page_id: pageId },
    is_active: true,
    ...extra,
  });
  return { integrationId: integration.id, pageId, appSecret };
}

/** Posts one signed delivery of these `messaging` events to the Page and expects Meta's 200. */
export async function deliverSigned(
  playwright: PlaywrightWorkerArgs["playwright"],
  orgId: string,
  page: { pageId: string; appSecret: string },
  messaging: unknown[],
) {
  const meta = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const body = JSON.stringify({ object: "page", entry: [{ id: page.pageId, time: Date.now(), messaging }] });
  const response = await meta.post(`/webhook?org_id=${orgId}`, {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": `sha256=${createHmac("sha256", page.appSecret).update(body).digest("hex")}`,
    },
  });
  expect(response.status()).toBe(200);
  await meta.dispose();
}

/** A person's message event to the Page. */
export const personMessage = (
  page: { pageId: string },
  psid: string,
  message: Record<string, unknown>,
  timestamp = Date.now(),
) => ({
  sender: { id: psid },
  recipient: { id: page.pageId },
  timestamp,
  message: { mid: `m_${digits(20)}`, ...message },
});
