// The Facebook page of an integration end to end: Meta delivers a signed webhook to the running server, the inbox
// shows it, a reply goes out through a fake Graph API on 127.0.0.1, "Test connection" works, an expired token shows.
import { createHmac } from "node:crypto";
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { ONE_PIXEL_PNG } from "../tests/helpers/fake-graph-profiles";
import { startFakeGraphServer, type FakeGraphServer } from "../tests/helpers/fake-graph-server";
import { createIntegrationViaApi } from "./support/api";
import { expectAccessible, open, screenshot, test, expect, uniqueName } from "./support/fixtures";
import { deliverSigned, digits, personMessage } from "./support/meta";

let graph: FakeGraphServer;
test.beforeAll(async () => {
  graph = await startFakeGraphServer();
});
test.afterAll(async () => {
  await graph?.close();
});

function messagePayload(pageId: string, psid: string, text: string) {
  return JSON.stringify({
    object: "page",
    entry: [
      {
        id: pageId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: psid },
            recipient: { id: pageId },
            timestamp: Date.now(),
            message: { mid: `m_${digits(20)}`, text },
          },
        ],
      },
    ],
  });
}

test("the inbox shows a signed webhook message, sends a reply, tests the connection and flags an expired token", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
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
    headers: {
      "content-type": "application/json",
      "x-hub-signature-256": `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`,
    },
  });
  expect(delivered.status()).toBe(200);

  await open(page, `/orgs/${orgId}/integrations/${integration.id}`);
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
  await meta.dispose();
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
      data: messagePayload(pageId, digits(16), text),
      headers: { "content-type": "application/json" },
    });

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

// Replies as Meta treats them: the window banner (and the explicit human agent choice), a refused reply kept with
// Retry, and a file sent as a Messenger attachment.
async function pageWithPerson(
  api: APIRequestContext,
  orgId: string,
  playwright: PlaywrightWorkerArgs["playwright"],
  hoursAgo: number,
  text: string,
) {
  const page = { pageId: digits(15), appSecret: `secret-${digits(12)}`, token: `EAAB${digits(24)}`, psid: digits(16) };
  graph.addPage(page.token, { id: page.pageId, name: "Window Shop" });
  const integration = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName("Replies page"),
    access_token: page.token,
    api_secret: page.appSecret,
    api_base_url: graph.apiBaseUrl,
    config: { page_id: page.pageId },
    is_active: true,
  });
  await deliverSigned(playwright, orgId, page, [
    personMessage(page, page.psid, { text }, Date.now() - hoursAgo * 60 * 60 * 1000),
  ]);
  return { ...page, integrationId: integration.id };
}

test("the window banner: open, then human agent only when the person chooses it, then closed", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  const recent = await pageWithPerson(api, orgId, playwright, 1, "Quick question");
  await open(page, `/orgs/${orgId}/integrations/${recent.integrationId}`);
  await expect(page.getByTestId("window-banner")).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("window-banner")).toContainText("Messaging window open until");

  const yesterday = await pageWithPerson(api, orgId, playwright, 30, "Anyone there?");
  await open(page, `/orgs/${orgId}/integrations/${yesterday.integrationId}`);
  const inbox = page.getByTestId("inbox");
  const banner = inbox.getByTestId("window-banner");
  await expect(banner).toHaveAttribute("data-state", "human_agent");
  await expect(banner).toContainText("24-hour window closed — reply as human agent until");
  await inbox.getByLabel(`Reply to person ${yesterday.psid}`).fill("Sorry, a person here: your parcel left today.");
  const send = inbox.getByRole("button", { name: "Send" });
  await expect(send).toBeDisabled(); // the tag is never chosen for the person
  await inbox.getByLabel(/Reply as a human agent/).check();
  await send.click();
  await expect(inbox.getByTestId("thread").getByTestId("message").filter({ hasText: "a person here" })).toContainText(
    "Sent as human agent",
  );
  expect(graph.sentMessages(yesterday.token)).toEqual([
    expect.objectContaining({ messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" }),
  ]);
  await expectAccessible(page);
  await screenshot(page, "18-facebook-window-human-agent");

  const lastWeek = await pageWithPerson(api, orgId, playwright, 8 * 24, "Hello from last week");
  await open(page, `/orgs/${orgId}/integrations/${lastWeek.integrationId}`);
  await expect(page.getByTestId("window-banner")).toHaveAttribute("data-state", "closed");
  await expect(page.getByTestId("window-banner")).toContainText("Messaging window closed");
  await expect(page.getByTestId("inbox").getByRole("button", { name: "Send" })).toBeDisabled();
  expect(graph.sentMessages(lastWeek.token)).toEqual([]);
});

test("a reply Meta refuses stays in the thread as failed, and Retry sends it", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  const shop = await pageWithPerson(api, orgId, playwright, 1, "Is it in stock?");
  graph.failSends(shop.psid, { code: 551 });
  await open(page, `/orgs/${orgId}/integrations/${shop.integrationId}`);
  const inbox = page.getByTestId("inbox");
  await inbox.getByLabel(`Reply to person ${shop.psid}`).fill("Yes, two left.");
  await inbox.getByRole("button", { name: "Send" }).click();
  const bubble = inbox.getByTestId("thread").getByTestId("message").filter({ hasText: "Yes, two left." });
  await expect(bubble.getByTestId("reply-failed")).toContainText("Not sent (error 551)");
  await expect(bubble.getByTestId("reply-failed")).toContainText("isn't available");
  await expectAccessible(page);
  await screenshot(page, "19-facebook-reply-failed");
  await bubble.getByRole("button", { name: "Retry" }).click();
  await expect(bubble.getByTestId("reply-failed")).toHaveCount(0);
  await expect(bubble).toContainText("· sent");
  expect(graph.sentMessages(shop.token)).toEqual([
    expect.objectContaining({ recipient: shop.psid, text: "Yes, two left." }),
  ]);
});

test("sends a file with a preview, and refuses one over Meta's limit before uploading it", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  const shop = await pageWithPerson(api, orgId, playwright, 1, "Can I see the receipt?");
  await open(page, `/orgs/${orgId}/integrations/${shop.integrationId}`);
  const inbox = page.getByTestId("inbox");
  // A real 1×1 PNG, so the preview and the thread can show it.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );

  await inbox
    .locator("#reply-file")
    .setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(9 * 1024 * 1024) });
  await expect(inbox.getByTestId("reply-error")).toContainText("Images can be at most 8 MB on Messenger");
  await expect(inbox.getByTestId("attachment-preview")).toHaveCount(0);

  await inbox.locator("#reply-file").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: png });
  await expect(inbox.getByTestId("attachment-preview")).toContainText("receipt.png");
  await expect(inbox.getByRole("img", { name: "Preview of receipt.png" })).toBeVisible();
  await inbox.getByLabel(`Reply to person ${shop.psid}`).fill("Here it is");
  await inbox.getByRole("button", { name: "Send" }).click();
  await expect(inbox.getByTestId("attachment-preview")).toHaveCount(0);
  const thread = inbox.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: "Here it is" })).toHaveAttribute(
    "data-direction",
    "outbound",
  );
  await expect(thread.getByTestId("message").last()).not.toContainText("Not sent");
  // The thread shows the file from this server's own copy (the attachment route), and the browser can load it.
  const shown = thread
    .getByTestId("message")
    .last()
    .locator(`img[src*="/organization-integration/${shop.integrationId}/attachments/"]`);
  await expect(shown).toHaveCount(1);
  await expect.poll(() => shown.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  expect(
    graph.sentMessages(shop.token).map((m) => [m.text, m.attachment?.type ?? null, m.attachment?.filename ?? null]),
  ).toEqual([
    ["Here it is", null, null],
    [null, "image", "receipt.png"],
  ]);
  await expectAccessible(page);
  await screenshot(page, "20-facebook-file-sent");

  // Through the production server, a file above Next's default 10 MB proxy body limit still arrives whole.
  const video = Buffer.alloc(12 * 1024 * 1024, 7);
  const uploaded = await api.post(`/organization-integration/${shop.integrationId}/messages`, {
    multipart: { recipient_id: shop.psid, file: { name: "tour.mp4", mimeType: "video/mp4", buffer: video } },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  expect((await uploaded.json()).sent).toMatchObject({
    status: "sent",
    attachments: [expect.objectContaining({ type: "video", size: video.length })],
  });
  expect(graph.sentMessages(shop.token).at(-1)?.attachment).toMatchObject({ type: "video", size: video.length });
});

// People and conversations: names and pictures from Meta's profile API (or "Facebook user …1234" when refused), unread
// counts cleared by opening a conversation, quick replies and reactions in the thread, the standby warning, and the
// conversation list paged with "Load more".
test("the inbox names people, shows their pictures, unread counts, richer events, a standby warning, and pages the list", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  test.setTimeout(120_000); // background jobs fetch the profile, then the picture
  const shop = { pageId: digits(15), appSecret: `secret-${digits(12)}`, token: `EAAB${digits(24)}` };
  graph.addPage(shop.token, { id: shop.pageId, name: "People Shop" });
  const integration = await createIntegrationViaApi(api, {
    org_id: orgId,
    integration_type: "facebook",
    name: uniqueName("People page"),
    access_token: shop.token,
    api_secret: shop.appSecret,
    api_base_url: graph.apiBaseUrl,
    config: { page_id: shop.pageId },
    is_active: true,
  });
  const [ana, anon, handedOver] = [digits(16), digits(16), digits(16)];
  graph.addProfile(ana, {
    first_name: "Ana",
    last_name: "Lima",
    picture: { bytes: ONE_PIXEL_PNG, contentType: "image/png" },
  });
  graph.refuseProfile(anon, "no_profile");
  const meta = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const post = async (entry: Record<string, unknown>) => {
    const body = JSON.stringify({ object: "page", entry: [{ id: shop.pageId, time: Date.now(), ...entry }] });
    const response = await meta.post(`/webhook?org_id=${orgId}`, {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", shop.appSecret).update(body).digest("hex")}`,
      },
    });
    expect(response.status()).toBe(200);
  };
  const from = (psid: string, timestamp: number) => ({
    sender: { id: psid },
    recipient: { id: shop.pageId },
    timestamp,
  });
  const now = Date.now();
  // 55 older conversations first: the list shows 50 and "Load more".
  await post({
    messaging: Array.from({ length: 55 }, (_, i) => ({
      ...from(digits(16), now - 3_600_000 - i * 1000),
      message: { mid: `m_${digits(20)}`, text: `Crowd ${i}` },
    })),
  });
  const echoMid = `m_${digits(20)}`;
  await post({
    messaging: [
      { ...from(anon, now - 4000), message: { mid: `m_${digits(20)}`, text: "Private question" } },
      {
        ...from(ana, now - 3000),
        message: { mid: `m_${digits(20)}`, text: "Red", quick_reply: { payload: "COLOR_RED" } },
      },
      {
        sender: { id: shop.pageId },
        recipient: { id: ana },
        timestamp: now - 2500,
        message: { mid: echoMid, text: "We have it in red", is_echo: true, app_id: 1 },
      },
      { ...from(ana, now - 2000), message: { mid: `m_${digits(20)}`, text: "Do you ship to Porto?" } },
      { ...from(ana, now - 1500), reaction: { mid: echoMid, action: "react", reaction: "love", emoji: "❤️" } },
    ],
  });
  // The newest conversation is owned by another app (a chatbot): its events come on standby.
  await post({
    standby: [
      { ...from(handedOver, now - 1000), message: { mid: `m_${digits(20)}`, text: "I want to talk to a person" } },
    ],
  });
  await meta.dispose();

  await open(page, `/orgs/${orgId}/integrations/${integration.id}`);
  const inbox = page.getByTestId("inbox");
  const list = inbox.getByRole("navigation", { name: "Conversations" });
  // Opened first (newest), with the warning.
  await expect(inbox.getByTestId("standby-warning")).toContainText("Another app owns this conversation");
  await expect(list.getByTestId("conversation").first()).toContainText("Handled by another app");

  // Meta's profile is fetched in the background: the name and the re-hosted picture appear without a reload.
  const anaItem = list.getByTestId("conversation").filter({ hasText: "Ana Lima" });
  await expect(anaItem).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(
      () => anaItem.getByTestId("avatar").evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth),
      { timeout: 30_000 },
    )
    .toBe(1);
  await expect(anaItem.getByTestId("unread-count")).toHaveText("2 unread");
  const anonItem = list.getByTestId("conversation").filter({ hasText: `Facebook user …${anon.slice(-4)}` });
  await expect(anonItem).toContainText("Private question");
  await expect(list).not.toContainText(anon);

  // Opening a conversation marks it read for the team; the thread shows the quick reply and the reaction.
  await anaItem.getByRole("button").click();
  await expect(inbox.getByTestId("thread-title")).toHaveText("Conversation with Ana Lima");
  await expect(anaItem.getByTestId("unread-count")).toHaveCount(0);
  const thread = inbox.getByTestId("thread");
  await expect(thread.getByTestId("message").filter({ hasText: "Red" }).getByTestId("quick-reply")).toContainText(
    "COLOR_RED",
  );
  await expect(
    thread.getByTestId("message").filter({ hasText: "We have it in red" }).getByTestId("reaction"),
  ).toContainText("❤️");
  await expect(inbox.getByTestId("standby-warning")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "21-facebook-people");

  await expect(list.getByTestId("conversation")).toHaveCount(50);
  await list.getByRole("button", { name: "Load more conversations" }).click();
  await expect(list.getByTestId("conversation")).toHaveCount(58);
  await expect(list.getByRole("button", { name: "Load more conversations" })).toHaveCount(0);
  await expect(list.getByTestId("conversation").last()).toContainText("Crowd 54");
});

test("a new message appears in the open inbox without a reload (live stream)", async ({
  page,
  api,
  orgId,
  playwright,
}) => {
  const person = await pageWithPerson(api, orgId, playwright, 0, "First message");
  await open(page, `/orgs/${orgId}/integrations/${person.integrationId}`);
  const thread = page.getByTestId("inbox").getByTestId("thread");
  await expect(thread).toContainText("First message");
  // The inbox no longer polls while its stream is open (a poll would take 30 s): only the stream can bring this in time.
  await page.waitForTimeout(1_000);
  await deliverSigned(playwright, orgId, person, [personMessage(person, person.psid, { text: "Arrived live" })]);
  await expect(thread).toContainText("Arrived live", { timeout: 5_000 });
});
