// The Facebook page of an integration end to end: Meta delivers a signed webhook to the running server, the inbox
// shows it, a reply goes out through a fake Graph API on 127.0.0.1, "Test connection" works, an expired token shows.
import { createHmac, randomInt } from "node:crypto";
import { startFakeGraphServer, type FakeGraphServer } from "../tests/helpers/fake-graph-server";
import { createIntegrationViaApi } from "./support/api";
import { expectAccessible, open, screenshot, test, expect, uniqueName } from "./support/fixtures";

let graph: FakeGraphServer;
test.beforeAll(async () => {
  graph = await startFakeGraphServer();
});
test.afterAll(async () => {
  await graph?.close();
});

const digits = (length: number) => Array.from({ length }, () => randomInt(0, 10)).join("");

function messagePayload(pageId: string, psid: string, text: string) {
  return JSON.stringify({
    object: "page",
    entry: [{ id: pageId, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: pageId }, timestamp: Date.now(), message: { mid: `m_${digits(20)}`, text } }] }],
  });
}

test("the inbox shows a signed webhook message, sends a reply, tests the connection and flags an expired token", async ({ page, api, orgId, playwright }) => {
  const pageId = digits(15);
  const psid = digits(16);
  const token = `EAAB${digits(24)}`;
  const appSecret = `secret-${digits(12)}`;
  graph.addPage(token, { id: pageId, name: "Acme Shop" });
  const integration = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName("Shop page"),
    access_token: token,
    api_secret: appSecret,
    api_base_url: graph.apiBaseUrl,
    config: { page_id: pageId },
    is_active: true,
  });

  // Meta's side: a signed delivery to the public webhook of the running server.
  const meta = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const body = messagePayload(pageId, psid, "Hello! Has my order shipped?");
  const delivered = await meta.post(`/webhook?org_id=${orgId}`, {
    data: body,
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}` },
  });
  expect(delivered.status()).toBe(200);

  await open(page, `/orgs/${orgId}/integrations/${integration.id}`);
  await expect(page.getByTestId("last-event")).toContainText(/ago|now/);
  await expect(page.getByTestId("setup-app-secret")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("warning-no-app-secret")).toHaveCount(0);
  const inbox = page.getByTestId("inbox");
  await expect(inbox.getByRole("button", { name: new RegExp(`Person ${psid}`) })).toContainText("Has my order shipped?");
  const thread = inbox.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: "Hello! Has my order shipped?" })).toHaveAttribute("data-direction", "inbound");

  const reply = inbox.getByLabel(`Reply to person ${psid}`);
  await reply.fill("Yes, it left our warehouse this morning.");
  await reply.press("Control+Enter");
  await expect(thread.getByTestId("message").filter({ hasText: "it left our warehouse" })).toHaveAttribute("data-direction", "outbound");
  await expect(reply).toHaveValue("");
  expect(graph.sentMessages(token)).toEqual([expect.objectContaining({ recipient: psid, text: "Yes, it left our warehouse this morning.", messagingType: "RESPONSE" })]);

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText(`Connected to the Page “Acme Shop” (ID ${pageId}).`);
  await expect(page.getByTestId("last-check")).toContainText("working");
  await expectAccessible(page);
  await screenshot(page, "15-facebook-inbox");

  graph.expireToken(token);
  await reply.fill("One more thing…");
  await inbox.getByRole("button", { name: "Send" }).click();
  await expect(inbox.getByTestId("reply-error")).toContainText("(code 190)");
  await expect(reply).toHaveValue("One more thing…");
  await expect(page.getByTestId("warning-reauth")).toContainText("The Page Access Token no longer works");
  await screenshot(page, "16-facebook-token-expired");
  await meta.dispose();
});

test("without an App Secret unsigned deliveries are refused, unless the integration opts in to unsigned tests (with warnings)", async ({ page, api, orgId, playwright }) => {
  // The e2e server runs without FACEBOOK_APP_SECRET (see global-setup), so these integrations have no secret at all.
  const meta = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const unsigned = (pageId: string, text: string) =>
    meta.post(`/webhook?org_id=${orgId}`, { data: messagePayload(pageId, digits(16), text), headers: { "content-type": "application/json" } });

  // The guide's minimal create: Meta's deliveries are refused until the App Secret is set, and the page says so.
  const minimalPageId = digits(15);
  const minimal = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName("Minimal page"),
    access_token: `EAAB${digits(24)}`,
    config: { page_id: minimalPageId },
    is_active: true,
  });
  expect((await unsigned(minimalPageId, "Injected hello")).status()).toBe(401);
  await open(page, `/orgs/${orgId}/integrations/${minimal.id}`);
  await expect(page.getByTestId("warning-no-app-secret")).toContainText("refused until the App Secret is set");
  await expect(page.getByTestId("setup-app-secret")).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("inbox")).not.toContainText("Injected hello");

  // Opted in to unsigned test deliveries: stored, marked unverified, with a clear warning.
  const pageId = digits(15);
  const integration = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName("Unsigned page"),
    access_token: `EAAB${digits(24)}`,
    config: { page_id: pageId, accept_unsigned_events: true },
    is_active: true,
  });
  expect((await unsigned(pageId, "Unsigned hello")).status()).toBe(200);
  await meta.dispose();

  await open(page, `/orgs/${orgId}/integrations/${integration.id}`);
  await expect(page.getByTestId("warning-unsigned-accepted")).toContainText("Unsigned test deliveries are accepted");
  await expect(page.getByTestId("warning-unverified")).toContainText("stored without a signature check");
  await expect(page.getByTestId("thread").getByTestId("message")).toContainText("· unverified");
  const form = page.getByRole("form", { name: "Edit integration" });
  await expect(form.getByLabel("Meta App Secret")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "17-facebook-unsigned-accepted");

  // Turning it off in Settings closes the integration to unsigned posts again.
  await form.getByLabel("Accept unsigned test deliveries").uncheck();
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("detail-message")).toContainText("Changes saved.");
  await expect(page.getByTestId("warning-unsigned-accepted")).toHaveCount(0);
  await expect(page.getByTestId("warning-no-app-secret")).toBeVisible();
});
