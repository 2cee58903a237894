// Inbound attachment links the app must not follow: cloud metadata addresses (also behind a redirect), links of an
// unsigned delivery, and hosts outside Meta's media hosts; and redeliveries that must not add attachment rows.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serverEnv } from "@/lib/config/server-env";
import { isAllowedHost, providerDownload } from "@/lib/connections/provider-download";
import { db } from "@/lib/db/prisma";
import { bearer } from "../helpers/call-route";
import type { FakeMetaCdn } from "../helpers/fake-meta-cdn";
import {
  createFacebookIntegration,
  deliverEvents,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
} from "../helpers/fake-meta-webhook";
import { getAttachment, settled, withAttachmentSetup } from "../helpers/inbound-attachments";
import type { TestOrg } from "../helpers/seed";

let org: TestOrg;
let cdn: FakeMetaCdn;
const { page, deliver, messageAttachments, waitForAttachments } = withAttachmentSetup((setup) => {
  ({ org, cdn } = setup);
});

describe("inbound attachments", () => {
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
