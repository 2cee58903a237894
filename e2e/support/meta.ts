// Meta's side in the browser tests: Facebook integrations with a known App Secret, and signed webhook deliveries to
// the running server, the way Meta sends them.
import { randomInt } from "node:crypto";
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { signWebhookBody } from "../../lib/messenger/webhook-signature";
import type { FakeGraphServer } from "../../tests/helpers/fake-graph-server";
import { createIntegrationViaApi } from "./api";
import { expect, uniqueName } from "./fixtures";

export const digits = (length: number) => Array.from({ length }, () => randomInt(0, 10)).join("");

export type SignedPage = { integrationId: string; pageId: string; appSecret: string };

type FacebookFields = { access_token?: string; api_secret?: string; api_base_url?: string; config?: object };

/** An active Facebook integration for the Page `pageId`: a made-up token unless `fields` gives one; `fields.config`
 *  adds to (or overrides) the Page id. */
export function createFacebookIntegration(
  api: APIRequestContext,
  orgId: string,
  page: { name: string; pageId: string },
  fields: FacebookFields = {},
) {
  const { config, ...rest } = fields;
  return createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName(page.name),
    access_token: `EAAB${digits(24)}`,
    ...rest,
    config: { page_id: page.pageId, ...config },
    is_active: true,
  });
}

/** An active Facebook integration whose deliveries can be signed (fields beyond the basics go in `extra`). */
export async function createSignedPage(
  api: APIRequestContext,
  orgId: string,
  name: string,
  extra: FacebookFields = {},
): Promise<SignedPage> {
  const pageId = digits(15);
  const appSecret = `secret-${digits(12)}`;
  const integration = await createFacebookIntegration(
    api,
    orgId,
    { name, pageId },
    { api_secret: appSecret, ...extra },
  );
  return { integrationId: integration.id, pageId, appSecret };
}

/** A signed Page whose Graph API is the fake `graph` (it knows the Page's token): replies and checks go there. */
export async function createGraphPage(
  graph: FakeGraphServer,
  api: APIRequestContext,
  orgId: string,
  names: { integration: string; page: string },
) {
  const page = { pageId: digits(15), appSecret: `secret-${digits(12)}`, token: `EAAB${digits(24)}` };
  graph.addPage(page.token, { id: page.pageId, name: names.page });
  const integration = await createFacebookIntegration(
    api,
    orgId,
    { name: names.integration, pageId: page.pageId },
    { access_token: page.token, api_secret: page.appSecret, api_base_url: graph.apiBaseUrl },
  );
  return { ...page, integrationId: integration.id };
}

/** What Meta posts for one entry of the Page (its `messaging` or `standby` events). */
export const deliveryBody = (pageId: string, entry: Record<string, unknown>) =>
  JSON.stringify({ object: "page", entry: [{ id: pageId, time: Date.now(), ...entry }] });

/** Posts one signed delivery of this entry of the Page and expects Meta's 200. */
export async function deliverSignedEntry(
  playwright: PlaywrightWorkerArgs["playwright"],
  orgId: string,
  page: { pageId: string; appSecret: string },
  entry: Record<string, unknown>,
) {
  const meta = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const body = deliveryBody(page.pageId, entry);
  const response = await meta.post(`/webhook?org_id=${orgId}`, {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": signWebhookBody(body, page.appSecret),
    },
  });
  expect(response.status()).toBe(200);
  await meta.dispose();
}

/** Posts one signed delivery of these `messaging` events to the Page and expects Meta's 200. */
export const deliverSigned = (
  playwright: PlaywrightWorkerArgs["playwright"],
  orgId: string,
  page: { pageId: string; appSecret: string },
  messaging: unknown[],
) => deliverSignedEntry(playwright, orgId, page, { messaging });

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
