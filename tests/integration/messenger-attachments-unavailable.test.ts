// Inbound attachments that are not kept: expired links, oversized files and a flaky or dead CDN end as "unavailable"
// with a reason (and a line in the delivery log) instead of a broken link; links the app must not follow (cloud
// metadata addresses, also behind a redirect; an unsigned delivery's; hosts outside Meta's media hosts) are never
// fetched; and redeliveries add no attachment rows.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import { serverEnv } from "@/lib/config/server-env";
import { isAllowedHost, providerDownload } from "@/lib/connections/provider-download";
import { db } from "@/lib/db/prisma";
import { downloadAttachmentJob } from "@/lib/messenger/attachments/download-attachment-job";
import { bearer, callRoute } from "../helpers/call-route";
import type { FakeMetaCdn } from "../helpers/fake-meta-cdn";
import {
  createFacebookIntegration,
  deliverEvents,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
} from "../helpers/fake-meta-webhook";
import { getAttachment, jobFailures, MB, settled, withAttachmentSetup } from "../helpers/inbound-attachments";
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

  it("never fetches a link that points at a cloud metadata address", async () => {
    const fb = await page();
    const { mid } = await deliver(fb, [
      { type: "image", payload: { url: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" } },
    ]);
    const [image] = await waitForAttachments(fb, mid, settled);
    expect(image).toMatchObject({
      status: "unavailable",
      url: null,
      error: expect.stringMatching(/cloud metadata address|169.254.169.254 is not one of the media hosts/),
    });
  }, 30_000);

  it("follows Meta's redirects to the file, but never to an address the guard refuses", async () => {
    const fb = await page();
    const bytes = randomBytes(3_000);
    const target = cdn.host("profile_n.jpg", { body: bytes, contentType: "image/jpeg" });
    const viaLookaside = cdn.host("profilepic", { body: Buffer.alloc(0), redirectTo: target });
    const toMetadata = cdn.host("evil", {
      body: Buffer.alloc(0),
      redirectTo: "http://169.254.169.254/latest/meta-data/",
    });
    const { mid } = await deliver(fb, [
      { type: "image", payload: { url: viaLookaside } },
      { type: "image", payload: { url: toMetadata } },
    ]);
    const [followed, refused] = await waitForAttachments(fb, mid, settled);
    expect(followed).toMatchObject({ status: "stored", mime_type: "image/jpeg", size: bytes.length });
    expect((await getAttachment(fb.id, followed.id!, bearer(org.keys.viewer))).bytes.equals(bytes)).toBe(true);
    expect(refused).toMatchObject({
      status: "unavailable",
      error: expect.stringMatching(/cloud metadata address|169.254.169.254 is not one of the media hosts/),
    });
  }, 30_000);

  it("never fetches the links of an unsigned delivery (an integration open to unsigned test posts)", async () => {
    const fb = await createFacebookIntegration(org, { config: { accept_unsigned_events: true } });
    const url = cdn.host("unsigned_n.jpg", { body: randomBytes(10), contentType: "image/jpeg" });
    const event = messageEvent(fb.pageId, newPsid(), { attachments: [{ type: "image", payload: { url } }] });
    expect((await postWebhook(org.orgId, payloadFor(fb.pageId, [event]))).status).toBe(200);
    const [image] = await messageAttachments(fb, event.message.mid);
    expect(image).toMatchObject({
      status: "unavailable",
      url: null,
      error: "Not downloaded: the delivery was not signed by Meta",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cdn.requestsFor(url)).toHaveLength(0);
  });

  it("creates the attachment rows once, whatever Meta redelivers", async () => {
    const fb = await page();
    const event = messageEvent(fb.pageId, newPsid(), {
      attachments: [
        {
          type: "image",
          payload: { url: cdn.host("once_n.png", { body: randomBytes(10), contentType: "image/png" }) },
        },
      ],
    });
    for (let i = 0; i < 3; i += 1) expect((await deliverEvents(org, fb, [event])).status).toBe(200);
    await waitForAttachments(fb, event.message.mid, settled);
    expect(await db().messengerAttachment.count({ where: { integrationId: fb.id } })).toBe(1);
  }, 30_000);
});

// Replayed from a review: a delivery signed with the org's own App Secret (which its admins set) named an internal
// address as an attachment link, and the app fetched it, kept it and served it back.
describe("attachment links outside Meta's media hosts", () => {
  it("are never fetched, even where private hosts are allowed", async () => {
    const env = serverEnv();
    const previous = env.messengerMediaHosts;
    env.messengerMediaHosts = ["fbcdn.net"];
    try {
      expect(isAllowedHost("scontent.xx.fbcdn.net", env.messengerMediaHosts)).toBe(true);
      expect(isAllowedHost("fbcdn.net.attacker.example", env.messengerMediaHosts)).toBe(false);
      const result = providerDownload("Meta's CDN", `${cdn.origin}/internal/secret.json`, {
        maxBytes: 1024,
        totalTimeoutMs: 2_000,
        allowedHosts: env.messengerMediaHosts,
      });
      await expect(result).rejects.toMatchObject({
        code: "bad_request",
        message: expect.stringMatching(/not one of the media hosts/),
      });
      expect(cdn.requests.filter((request) => request.path === "/internal/secret.json")).toEqual([]);
    } finally {
      env.messengerMediaHosts = previous;
    }
  });
});
