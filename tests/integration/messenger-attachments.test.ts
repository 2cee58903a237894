// Inbound attachments, end to end: Meta's signed webhook → 200 at once → a background job downloads each file from
// the (fake) CDN → the bytes are kept in the database → this server serves them, to the integration's readers only,
// after the CDN is gone. Expired links, oversized files, a flaky CDN and refused destinations end as "unavailable"
// with a reason instead of a broken link.
import { randomBytes } from "node:crypto";
import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as attachmentRoute from "@/app/organization-integration/[integration_id]/attachments/[attachment_id]/route";
import * as messagesRoute from "@/app/organization-integration/[integration_id]/messages/route";
import { serverEnv } from "@/lib/config/server-env";
import { isAllowedHost, providerDownload } from "@/lib/connections/provider-download";
import { db } from "@/lib/db/prisma";
import { startJobRunner } from "@/lib/jobs/job-runner";
import { downloadAttachmentJob } from "@/lib/messenger/attachments/download-attachment-job";
import { bearer, callRoute, TEST_ORIGIN } from "../helpers/call-route";
import { startFakeMetaCdn, type FakeMetaCdn } from "../helpers/fake-meta-cdn";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { createTestOrg, type TestOrg } from "../helpers/seed";

const MB = 1024 * 1024;

let org: TestOrg;
let otherOrg: TestOrg;
let cdn: FakeMetaCdn;
let runner: Runner;

beforeAll(async () => {
  [org, otherOrg, cdn] = await Promise.all([createTestOrg(), createTestOrg(), startFakeMetaCdn()]);
  runner = await startJobRunner({ databaseUrl: inject("databaseUrl"), pollIntervalMs: 100 });
});
afterAll(async () => {
  await runner?.stop();
  await cdn?.close();
});

const page = (owner = org) => createFacebookIntegration(owner, { appSecret: `app-secret-${newPsid()}` });

async function deliver(fb: FacebookFixture, attachments: unknown[], psid = newPsid()) {
  const event = messageEvent(fb.pageId, psid, { attachments });
  const started = performance.now();
  const response = await postWebhook(org.orgId, payloadFor(fb.pageId, [event]), { secret: fb.appSecret });
  return { response, elapsedMs: performance.now() - started, mid: event.message.mid, psid };
}

type AttachmentJson = {
  id: string | null;
  type: string;
  status: string;
  url: string | null;
  mime_type: string | null;
  size: number | null;
  name: string | null;
  error: string | null;
  link: string | null;
};

async function messageAttachments(fb: FacebookFixture, mid: string, key = org.keys.viewer): Promise<AttachmentJson[]> {
  const { status, json } = await callRoute(messagesRoute.GET, {
    path: `/organization-integration/${fb.id}/messages`,
    params: { integration_id: fb.id },
    headers: bearer(key),
  });
  expect(status).toBe(200);
  return json.messages.find((message: { mid: string }) => message.mid === mid).attachments;
}

async function waitForAttachments(
  fb: FacebookFixture,
  mid: string,
  isDone: (attachments: AttachmentJson[]) => boolean,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const attachments = await messageAttachments(fb, mid);
    if (isDone(attachments)) return attachments;
    if (Date.now() > deadline) throw new Error(`attachments not settled: ${JSON.stringify(attachments)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const settled = (attachments: AttachmentJson[]) => attachments.every((attachment) => attachment.status !== "pending");

/** The route handler as Next mounts it, read as bytes (callRoute reads text). */
async function getAttachment(integrationId: string, attachmentId: string, headers: Record<string, string> = {}) {
  const request = new Request(`${TEST_ORIGIN}/organization-integration/${integrationId}/attachments/${attachmentId}`, {
    headers,
  });
  const response = await attachmentRoute.GET(request, {
    params: Promise.resolve({ integration_id: integrationId, attachment_id: attachmentId }),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function waitForCdnRequest(cdn: FakeMetaCdn, url: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!cdn.requestsFor(url).length) {
    if (Date.now() > deadline) throw new Error("the CDN was never asked for the file");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const jobFailures = (integrationId: string) =>
  db().messengerWebhookLog.findMany({
    where: { integrationId, outcome: "job_failed" },
    orderBy: { receivedAt: "asc" },
  });

describe("inbound attachments", () => {
  it("are kept after the webhook's 200 (even while the CDN hangs) and served with safe headers after the CDN is gone", async () => {
    const ownCdn = await startFakeMetaCdn();
    const fb = await page();
    const png = Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), randomBytes(40_000)]);
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(3 * MB)]); // larger than the 2 MB cap of provider JSON
    const sticker = Buffer.concat([Buffer.from("GIF89a"), randomBytes(2_000)]);
    const imageUrl = ownCdn.host("465437890_n.png", { body: png, contentType: "image/png", isHeld: true });
    const fileUrl = ownCdn.host("123_n.pdf", {
      body: pdf,
      contentType: "application/pdf",
      contentDisposition: `attachment; filename="Quote 2026.pdf"`,
    });
    const stickerUrl = ownCdn.host("39178562_n.gif", { body: sticker, contentType: "image/gif" });

    const { response, elapsedMs, mid, psid } = await deliver(fb, [
      { type: "image", payload: { url: imageUrl } },
      { type: "file", payload: { url: fileUrl } },
      { type: "sticker", payload: { url: stickerUrl, sticker_id: 369239263222822 } },
      // The same sticker as an image (Meta's 2026 transition sends both): shown once.
      { type: "image", payload: { url: stickerUrl, sticker_id: 369239263222822 } },
      { type: "fallback", payload: { url: "https://news.example.test/story", title: "A story" } },
    ]);
    expect(response.status).toBe(200);
    expect(elapsedMs).toBeLessThan(2_000);

    // Acknowledged while the image is still on its way: the message says so instead of linking to Meta's CDN.
    const pending = await messageAttachments(fb, mid);
    expect(pending.map((attachment) => attachment.type)).toEqual(["image", "file", "sticker", "fallback"]);
    expect(pending[0]).toEqual({
      id: expect.any(String),
      type: "image",
      status: "pending",
      url: null,
      mime_type: null,
      size: null,
      name: expect.stringMatching(/465437890_n\.png$/),
      error: null,
      link: null,
    });
    expect(pending[3]).toEqual({
      id: expect.any(String),
      type: "fallback",
      status: "unavailable",
      url: null,
      mime_type: null,
      size: null,
      name: "A story",
      error: "A shared link, not a file",
      link: "https://news.example.test/story",
    });
    expect(JSON.stringify(pending)).not.toContain(ownCdn.origin);

    await waitForCdnRequest(ownCdn, imageUrl);
    expect((await messageAttachments(fb, mid))[0].status).toBe("pending");
    ownCdn.release(imageUrl);
    const stored = await waitForAttachments(fb, mid, settled);
    const [image, file, stickerJson] = stored;
    expect(image).toEqual({
      id: pending[0].id,
      type: "image",
      status: "stored",
      url: `/organization-integration/${fb.id}/attachments/${pending[0].id}`,
      mime_type: "image/png",
      size: png.length,
      name: pending[0].name,
      error: null,
      link: null,
    });
    expect(file).toMatchObject({
      type: "file",
      status: "stored",
      mime_type: "application/pdf",
      size: pdf.length,
      name: "Quote 2026.pdf",
    });
    expect(stickerJson).toMatchObject({
      type: "sticker",
      status: "stored",
      mime_type: "image/gif",
      size: sticker.length,
    });
    // No credential went to the CDN: the link is its own permission.
    for (const request of ownCdn.requests) expect(request.headers.authorization).toBeUndefined();
    expect(ownCdn.requests.map((request) => request.path).sort()).toEqual(
      [imageUrl, fileUrl, stickerUrl].map((url) => new URL(url).pathname).sort(),
    );

    // The live stream resends the message each time one of its attachments settled.
    const messageId = (await db().messengerMessage.findFirstOrThrow({ where: { integrationId: fb.id, mid } })).id;
    expect(
      await db().messengerEvent.count({ where: { integrationId: fb.id, type: "message", ref: messageId } }),
    ).toBeGreaterThanOrEqual(4);

    await ownCdn.close();
    const imageAnswer = await getAttachment(fb.id, image.id!, bearer(org.keys.admin));
    expect(imageAnswer.status).toBe(200);
    expect(imageAnswer.bytes.equals(png)).toBe(true);
    expect(
      Object.fromEntries(
        [
          "content-type",
          "content-length",
          "x-content-type-options",
          "content-security-policy",
          "cache-control",
          "content-disposition",
          "cross-origin-resource-policy",
        ].map((name) => [name, imageAnswer.headers.get(name)]),
      ),
    ).toEqual({
      "content-type": "image/png",
      "content-length": String(png.length),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=3600",
      "content-disposition": expect.stringMatching(/^inline; filename="[0-9a-f]+_465437890_n\.png"/),
      "cross-origin-resource-policy": "same-origin",
    });
    const fileAnswer = await getAttachment(fb.id, file.id!, bearer(org.keys.admin));
    expect(fileAnswer.bytes.equals(pdf)).toBe(true);
    expect(fileAnswer.headers.get("content-type")).toBe("application/pdf");
    expect(fileAnswer.headers.get("content-disposition")).toBe(
      `attachment; filename="Quote 2026.pdf"; filename*=UTF-8''Quote%202026.pdf`,
    );

    // A slice, for video seeking.
    const slice = await getAttachment(fb.id, file.id!, { ...bearer(org.keys.viewer), range: "bytes=100-199" });
    expect(slice.status).toBe(206);
    expect(slice.headers.get("content-range")).toBe(`bytes 100-199/${pdf.length}`);
    expect(slice.bytes.equals(pdf.subarray(100, 200))).toBe(true);
    expect(psid).toBeTruthy();
  }, 60_000);

  it("are served to every reader of the integration and to nobody else", async () => {
    const fb = await page();
    const bytes = randomBytes(5_000);
    const { mid } = await deliver(fb, [
      { type: "image", payload: { url: cdn.host("1_n.jpg", { body: bytes, contentType: "image/jpeg" }) } },
    ]);
    const [image] = await waitForAttachments(fb, mid, settled);
    expect(image.status).toBe("stored");
    const id = image.id!;

    expect((await getAttachment(fb.id, id, bearer(org.keys.viewer))).bytes.equals(bytes)).toBe(true);
    const viaSession = await getAttachment(fb.id, id, { cookie: await org.cookie("viewer") });
    expect(viaSession.status).toBe(200);
    expect(viaSession.bytes.equals(bytes)).toBe(true);

    expect((await getAttachment(fb.id, id)).status).toBe(401);
    expect((await getAttachment(fb.id, id, { authorization: "Bearer oik_not-a-key" })).status).toBe(401);
    // Another organization: not its integration, and not through one of its own integrations either.
    const foreign = await getAttachment(fb.id, id, bearer(otherOrg.keys.owner));
    expect(foreign.status).toBe(404);
    expect(foreign.bytes.includes(bytes.subarray(0, 16))).toBe(false);
    const theirs = await createFacebookIntegration(otherOrg);
    expect((await getAttachment(theirs.id, id, bearer(otherOrg.keys.owner))).status).toBe(404);
    // Another integration of the same org does not serve it either.
    const sibling = await page();
    expect((await getAttachment(sibling.id, id, bearer(org.keys.admin))).status).toBe(404);
    expect((await getAttachment(fb.id, "not-a-uuid", bearer(org.keys.admin))).status).toBe(400);
  }, 30_000);

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
    for (let i = 0; i < 3; i += 1)
      expect((await postWebhook(org.orgId, payloadFor(fb.pageId, [event]), { secret: fb.appSecret })).status).toBe(200);
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
