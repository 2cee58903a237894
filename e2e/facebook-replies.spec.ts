// Replies as Meta treats them: the window banner (and the explicit human agent choice), a refused reply kept with
// Retry, and a file sent as a Messenger attachment, through a fake Graph API on 127.0.0.1.
import { expectAccessible, screenshot, expect } from "./support/fixtures";
import { test } from "./support/graph-fixtures";

test("the window banner: open, then human agent only when the person chooses it, then closed", async ({
  page,
  graph,
  inboxWithPerson,
}) => {
  await inboxWithPerson(1, "Quick question");
  await expect(page.getByTestId("window-banner")).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("window-banner")).toContainText("Messaging window open until");

  const yesterday = await inboxWithPerson(30, "Anyone there?");
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

  const lastWeek = await inboxWithPerson(8 * 24, "Hello from last week");
  await expect(page.getByTestId("window-banner")).toHaveAttribute("data-state", "closed");
  await expect(page.getByTestId("window-banner")).toContainText("Messaging window closed");
  await expect(page.getByTestId("inbox").getByRole("button", { name: "Send" })).toBeDisabled();
  expect(graph.sentMessages(lastWeek.token)).toEqual([]);
});

test("a reply Meta refuses stays in the thread as failed, and Retry sends it", async ({
  page,
  graph,
  inboxWithPerson,
}) => {
  const shop = await inboxWithPerson(1, "Is it in stock?");
  graph.failSends(shop.psid, { code: 551 });
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
  graph,
  inboxWithPerson,
}) => {
  const shop = await inboxWithPerson(1, "Can I see the receipt?");
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
