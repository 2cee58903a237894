// The Facebook page of an integration end to end: Meta delivers a signed webhook to the running server, the inbox
// shows it, a reply goes out through a fake Graph API on 127.0.0.1, "Test connection" works, an expired token shows;
// unsigned deliveries, and a new message arriving live. Replies in the window: facebook-replies.spec.ts; people and
// conversations: facebook-people.spec.ts.
import { expectAccessible, open, screenshot, expect } from "./support/fixtures";
import { test } from "./support/graph-fixtures";
import { createFacebookIntegration, deliveryBody, digits, personMessage } from "./support/meta";

test("the inbox shows a signed webhook message, sends a reply, tests the connection and flags an expired token", async ({
  page,
  graph,
  graphShop,
}) => {
  const psid = digits(16);
  const shop = await graphShop({ integration: "Shop page", page: "Acme Shop" });
  const { pageId, token } = shop;

  // Meta's side: a signed delivery to the public webhook of the running server.
  await shop.deliver({ messaging: [personMessage(shop, psid, { text: "Hello! Has my order shipped?" })] });

  await shop.open();
  await expect(page.getByTestId("last-event")).toContainText(/ago|now/);
  await expect(page.getByTestId("setup-app-secret")).toHaveAttribute("data-done", "true");
  await expect(page.getByTestId("warning-no-app-secret")).toHaveCount(0);
  const inbox = page.getByTestId("inbox");
  // No name from Meta (the fake has no profile for this person): never the bare id, its last four digits.
  await expect(inbox.getByRole("button", { name: new RegExp(`Facebook user …${psid.slice(-4)}`) })).toContainText(
    "Has my order shipped?",
  );
  const thread = inbox.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: "Hello! Has my order shipped?" })).toHaveAttribute(
    "data-direction",
    "inbound",
  );

  const reply = inbox.getByLabel(`Reply to person ${psid}`);
  await reply.fill("Yes, it left our warehouse this morning.");
  await reply.press("Control+Enter");
  await expect(thread.getByTestId("message").filter({ hasText: "it left our warehouse" })).toHaveAttribute(
    "data-direction",
    "outbound",
  );
  await expect(reply).toHaveValue("");
  expect(graph.sentMessages(token)).toEqual([
    expect.objectContaining({
      recipient: psid,
      text: "Yes, it left our warehouse this morning.",
      messagingType: "RESPONSE",
    }),
  ]);

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("test-result")).toContainText(`Connected to the Page “Acme Shop” (ID ${pageId}).`);
  await expect(page.getByTestId("last-check")).toContainText("working");
  await expectAccessible(page);
  await screenshot(page, "15-facebook-inbox");

  graph.expireToken(token);
  await reply.fill("One more thing…");
  await inbox.getByRole("button", { name: "Send" }).click();
  // The refused reply stays in the thread as failed (with Retry), so the box is free again.
  await expect(thread.getByTestId("reply-failed")).toContainText("(code 190)");
  await expect(reply).toHaveValue("");
  await expect(page.getByTestId("warning-reauth")).toContainText("The Page Access Token no longer works");
  await screenshot(page, "16-facebook-token-expired");
});

test("without an App Secret unsigned deliveries are refused, unless the integration opts in to unsigned tests (with warnings)", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  // The e2e server runs without FACEBOOK_APP_SECRET (see global-setup), so these integrations have no secret at all.
  const meta = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const unsigned = (pageId: string, text: string) =>
    meta.post(`/webhook?org_id=${orgId}`, {
      data: deliveryBody(pageId, { messaging: [personMessage({ pageId }, digits(16), { text })] }),
      headers: { "content-type": "application/json" },
    });

  // The guide's minimal create: Meta's deliveries are refused until the App Secret is set, and the page says so.
  const minimalPageId = digits(15);
  const minimal = await createFacebookIntegration(api, orgId, { name: "Minimal page", pageId: minimalPageId });
  expect((await unsigned(minimalPageId, "Injected hello")).status()).toBe(401);
  await open(page, `/orgs/${orgId}/integrations/${minimal.id}`);
  await expect(page.getByTestId("warning-no-app-secret")).toContainText("refused until the App Secret is set");
  await expect(page.getByTestId("setup-app-secret")).toHaveAttribute("data-done", "false");
  await expect(page.getByTestId("inbox")).not.toContainText("Injected hello");

  // Opted in to unsigned test deliveries: stored, marked unverified, with a clear warning.
  const pageId = digits(15);
  const integration = await createFacebookIntegration(
    api,
    orgId,
    { name: "Unsigned page", pageId },
    { config: { accept_unsigned_events: true } },
  );
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

test("a new message appears in the open inbox without a reload (live stream)", async ({ page, inboxWithPerson }) => {
  const person = await inboxWithPerson(0, "First message");
  const thread = page.getByTestId("inbox").getByTestId("thread");
  await expect(thread).toContainText("First message");
  // The inbox no longer polls while its stream is open (a poll would take 30 s): only the stream can bring this in time.
  await page.waitForTimeout(1_000);
  await person.deliver({ messaging: [personMessage(person, person.psid, { text: "Arrived live" })] });
  await expect(thread).toContainText("Arrived live", { timeout: 5_000 });
});
