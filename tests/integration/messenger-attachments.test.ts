// Inbound attachments, end to end: Meta's signed webhook → 200 at once → a background job downloads each file from
// the (fake) CDN → the bytes are kept in the database → this server serves them, to the integration's readers only,
// after the CDN is gone.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { bearer } from "../helpers/call-route";
import { startFakeMetaCdn, type FakeMetaCdn } from "../helpers/fake-meta-cdn";
import { createFacebookIntegration } from "../helpers/fake-meta-webhook";
import { getAttachment, MB, settled, waitForCdnRequest, withAttachmentSetup } from "../helpers/inbound-attachments";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
let otherOrg: TestOrg;
let cdn: FakeMetaCdn;
const { page, deliver, messageAttachments, waitForAttachments } = withAttachmentSetup((setup) => {
  ({ org, otherOrg, cdn } = setup);
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
});
