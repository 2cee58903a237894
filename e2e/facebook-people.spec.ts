// People and conversations: names and pictures from Meta's profile API (or "Facebook user …1234" when refused), unread
// counts cleared by opening a conversation, quick replies and reactions in the thread, the standby warning, and the
// conversation list paged with "Load more".
import { ONE_PIXEL_PNG } from "../tests/helpers/fake-graph-profiles";
import { expectAccessible, screenshot, expect } from "./support/fixtures";
import { test } from "./support/graph-fixtures";
import { digits } from "./support/meta";

test("the inbox names people, shows their pictures, unread counts, richer events, a standby warning, and pages the list", async ({
  page,
  graph,
  graphShop,
}) => {
  test.setTimeout(120_000); // background jobs fetch the profile, then the picture
  const shop = await graphShop({ integration: "People page", page: "People Shop" });
  const [ana, anon, handedOver] = [digits(16), digits(16), digits(16)];
  graph.addProfile(ana, {
    first_name: "Ana",
    last_name: "Lima",
    picture: { bytes: ONE_PIXEL_PNG, contentType: "image/png" },
  });
  graph.refuseProfile(anon, "no_profile");
  const from = (psid: string, timestamp: number) => ({
    sender: { id: psid },
    recipient: { id: shop.pageId },
    timestamp,
  });
  const now = Date.now();
  // 55 older conversations first: the list shows 50 and "Load more".
  await shop.deliver({
    messaging: Array.from({ length: 55 }, (_, i) => ({
      ...from(digits(16), now - 3_600_000 - i * 1000),
      message: { mid: `m_${digits(20)}`, text: `Crowd ${i}` },
    })),
  });
  const echoMid = `m_${digits(20)}`;
  await shop.deliver({
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
  await shop.deliver({
    standby: [
      { ...from(handedOver, now - 1000), message: { mid: `m_${digits(20)}`, text: "I want to talk to a person" } },
    ],
  });
  await shop.open();
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
