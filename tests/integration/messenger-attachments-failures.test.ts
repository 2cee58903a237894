// Inbound attachments that cannot be kept: expired links, oversized files, and a flaky or dead CDN end as
// "unavailable" with a reason (and a line in the delivery log) instead of a broken link.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import { db } from "@/lib/db/prisma";
import { downloadAttachmentJob } from "@/lib/messenger/attachments/download-attachment-job";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeMetaCdn } from "../helpers/fake-meta-cdn";
import { jobFailures, MB, settled, withAttachmentSetup } from "../helpers/inbound-attachments";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
let cdn: FakeMetaCdn;
const { page, deliver, messageAttachments, waitForAttachments } = withAttachmentSetup((setup) => {
  ({ org, cdn } = setup);
});

describe("inbound attachments", () => {
  it("marks a link Meta's CDN has already expired (403) unavailable at the first answer, with the reason, in the delivery log", async () => {
    const fb = await page();
    const url = cdn.host("old_n.jpg", { body: randomBytes(100), contentType: "image/jpeg", isExpired: true });
    const { mid, psid } = await deliver(fb, [{ type: "image", payload: { url } }]);
    const [image] = await waitForAttachments(fb, mid, settled);
    expect(image).toMatchObject({
      status: "unavailable",
      url: null,
      error: "Meta's link has expired or was removed (HTTP 403)",
    });
    expect(cdn.requestsFor(url)).toHaveLength(1); // not retried
    const [logged] = await jobFailures(fb.id);
    expect(logged.detail).toBe(
      `An image attachment from Facebook user …${psid.slice(-4)} could not be kept: Meta's link has expired or was removed (HTTP 403).`,
    );
    expect(logged.detail).not.toContain("oh=");
    const answer = await callRoute(attachmentRoute.GET, {
      path: `/organization-integration/${fb.id}/attachments/${image.id}`,
      params: { integration_id: fb.id, attachment_id: image.id! },
      headers: bearer(org.keys.admin),
    });
    expect(answer.status).toBe(404);
    expect(answer.json.error).toMatch(/unavailable/);
  }, 30_000);

  it("refuses files over 25 MB, whether the CDN says so up front or only the body shows it", async () => {
    const fb = await page();
    const big = { size: 25 * MB + 1 };
    const { mid } = await deliver(fb, [
      { type: "video", payload: { url: cdn.host("big_n.mp4", { body: big, contentType: "video/mp4" }) } },
      {
        type: "file",
        payload: { url: cdn.host("big_n.zip", { body: big, contentType: "application/zip", isChunked: true }) },
      },
      {
        type: "audio",
        payload: {
          url: cdn.host("just_n.mp4", { body: { size: 25 * MB }, contentType: "audio/mp4", isChunked: true }),
        },
      },
    ]);
    const [video, file, audio] = await waitForAttachments(fb, mid, settled, 40_000);
    expect(video).toMatchObject({
      status: "unavailable",
      url: null,
      error: "The file is larger than the 25 MB the app keeps (25.0 MB)",
    });
    expect(file).toMatchObject({
      status: "unavailable",
      url: null,
      error: "The file is larger than the 25 MB the app keeps",
    });
    // Exactly 25 MB is allowed.
    expect(audio).toMatchObject({ status: "stored", size: 25 * MB, mime_type: "audio/mp4" });
    const kept = await db().messengerAttachment.findMany({
      where: { integrationId: fb.id, status: "unavailable" },
      select: { data: true },
    });
    expect(kept.every((row) => row.data === null)).toBe(true);
  }, 60_000);

  it("retries a CDN that answers 5xx, with backoff, then keeps the file", async () => {
    const fb = await page();
    const bytes = randomBytes(1_000);
    const url = cdn.host("flaky_n.mp3", { body: bytes, contentType: "audio/mpeg", failuresFirst: 1 });
    const { mid } = await deliver(fb, [{ type: "audio", payload: { url } }]);
    const [audio] = await waitForAttachments(fb, mid, settled, 25_000);
    expect(audio).toMatchObject({ status: "stored", mime_type: "audio/mpeg", size: bytes.length });
    expect(cdn.requestsFor(url)).toHaveLength(2);
  }, 30_000);

  it("after the last failed attempt, says the file is unavailable and logs why", async () => {
    const fb = await page();
    const url = cdn.host("down_n.jpg", { body: randomBytes(10), contentType: "image/jpeg", failuresFirst: 100 });
    // The runner's own attempts fail the same way; the last attempt is played here directly, as the engine would.
    const { mid } = await deliver(fb, [{ type: "image", payload: { url } }]);
    const row = await db().messengerAttachment.findFirstOrThrow({ where: { integrationId: fb.id, message: { mid } } });
    const error = await downloadAttachmentJob.run({ attachmentId: row.id }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect((error as Error)?.message).toBe("Facebook's CDN answered HTTP 503");
    await downloadAttachmentJob.onGiveUp!({ attachmentId: row.id }, error);
    const [image] = await messageAttachments(fb, mid);
    expect(image).toMatchObject({
      status: "unavailable",
      url: null,
      error: "Gave up after 10 attempts: Facebook's CDN answered HTTP 503",
    });
    expect((await jobFailures(fb.id)).map((entry) => entry.detail)).toContainEqual(
      expect.stringContaining("Gave up after 10 attempts"),
    );
  }, 30_000);
});
