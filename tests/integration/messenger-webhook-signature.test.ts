// The webhook's front door: Meta's subscription handshake (GET), the X-Hub-Signature-256 check on deliveries, and
// bad input answered with a JSON error (never a 500).
import { beforeAll, describe, expect, it } from "vitest";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postbackEvent,
  postWebhook,
  verifySubscription,
} from "../helpers/fake-meta-webhook";
import { integrationApi } from "../helpers/integration-api";
import { storedMessages, webhookLogRows } from "../helpers/messenger-rows";
import { createTestOrg, type TestOrg } from "../helpers/seed";
import { newSecret, withWebhookOrg } from "../helpers/webhook-org";

let org: TestOrg;
withWebhookOrg((created) => (org = created));
const detail = (id: string) => integrationApi(org.keys.admin).integration(id);

describe("GET /webhook (subscription verification)", () => {
  it("answers the challenge as plain text when the verify token is one of the org's", async () => {
    const integration = await createFacebookIntegration(org);
    const response = await verifySubscription(org.orgId, {
      "hub.mode": "subscribe",
      "hub.verify_token": integration.verifyToken,
      "hub.challenge": "1158201444",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(response.text).toBe("1158201444");
  });

  it("refuses a wrong token, another org's token, a wrong mode and a malformed org id with 403", async () => {
    const integration = await createFacebookIntegration(org);
    const other = await createTestOrg();
    const base = { "hub.mode": "subscribe", "hub.challenge": "42" };
    const attempts = [
      await verifySubscription(org.orgId, { ...base, "hub.verify_token": `${integration.verifyToken}x` }),
      await verifySubscription(other.orgId, { ...base, "hub.verify_token": integration.verifyToken }),
      await verifySubscription(org.orgId, {
        ...base,
        "hub.mode": "unsubscribe",
        "hub.verify_token": integration.verifyToken,
      }),
      await verifySubscription("not-a-uuid", { ...base, "hub.verify_token": integration.verifyToken }),
      await verifySubscription(org.orgId, { "hub.mode": "subscribe", "hub.verify_token": integration.verifyToken }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(403);
      expect(response.text).not.toContain("42");
      expect(response.json).toEqual({ error: "Webhook verification failed" });
    }
  });
});

describe("POST /webhook (signatures)", () => {
  it("stores signed events and acknowledges with EVENT_RECEIVED", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const psid = newPsid();
    const response = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [
        messageEvent(fb.pageId, psid, { text: "Hello there" }),
        messageEvent(fb.pageId, psid, {
          attachments: [{ type: "image", payload: { url: "https://example.test/cat.png" } }],
        }),
        postbackEvent(fb.pageId, psid, "GET_STARTED"),
      ]),
      { secret },
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe("EVENT_RECEIVED");
    const rows = await storedMessages(fb.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.isVerified && row.direction === "inbound" && row.psid === psid)).toBe(true);
    expect(rows.map((row) => row.kind).sort()).toEqual(["message", "message", "postback"]);
    expect(rows.find((row) => row.attachments)?.attachments).toEqual([
      { type: "image", payload: { url: "https://example.test/cat.png" } },
    ]);
    const integration = await detail(fb.id);
    expect(integration.messenger.has_unverified_events).toBe(false);
    expect(Date.now() - Date.parse(integration.messenger.last_event_at)).toBeLessThan(60_000);
    expect((await webhookLogRows(fb.id))[0]).toMatchObject({
      outcome: "stored",
      isVerified: true,
      eventsCount: 3,
      storedCount: 3,
    });
  });

  it("rejects a bad, a foreign or a missing signature with 401 and stores nothing", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const body = JSON.stringify(payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "forged" })]));
    const bad = await postWebhook(org.orgId, body, { signature: `sha256=${"0".repeat(64)}` });
    const foreign = await postWebhook(org.orgId, body, { secret: newSecret() });
    const tampered = await postWebhook(org.orgId, body.replace("forged", "forgeD"), {
      signature: (await import("@/lib/messenger/webhook-signature")).signWebhookBody(body, secret),
    });
    const missing = await postWebhook(org.orgId, body);
    for (const response of [bad, foreign, tampered])
      expect(response).toMatchObject({ status: 401, json: { error: "Invalid webhook signature" } });
    expect(missing).toMatchObject({ status: 401, json: { error: "Missing X-Hub-Signature-256 header" } });
    expect(await storedMessages(fb.id)).toHaveLength(0);
    // Refused posts are not written to the delivery log: nothing proves which integration they are about, and
    // forged ones must not push real entries out of it (see messenger-webhook-attacks.test.ts).
    expect(await webhookLogRows(fb.id)).toEqual([]);
    expect((await detail(fb.id)).messenger.last_event_at).toBeNull();
  });

  it("stores events marked unverified when the integration accepts unsigned test deliveries, and says so on it", async () => {
    const fb = await createFacebookIntegration(org, { config: { accept_unsigned_events: true } });
    const response = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "no secret" })]),
    );
    expect(response.status).toBe(200);
    const [row] = await storedMessages(fb.id);
    expect(row.isVerified).toBe(false);
    expect((await detail(fb.id)).messenger).toMatchObject({ has_unverified_events: true });
    expect((await webhookLogRows(fb.id))[0]).toMatchObject({ outcome: "stored", isVerified: false });

    // Once the admin sets the App Secret, signed deliveries clear the warning.
    const secret = newSecret();
    await integrationApi(org.keys.admin).update({ id: fb.id, api_secret: secret });
    const signed = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "signed" })]),
      { secret },
    );
    expect(signed.status).toBe(200);
    expect((await detail(fb.id)).messenger).toMatchObject({ has_unverified_events: false });
  });
});

describe("POST /webhook (bad input never gives a 500)", () => {
  // Bodies are looked at only once a signature is valid: these are signed with an App Secret of the org.
  const secret = newSecret();
  beforeAll(async () => {
    await createFacebookIntegration(org, { appSecret: secret });
  });

  it.each([
    ["a malformed org id", "not-a-uuid", "{}", 400, /org_id/],
    ["invalid JSON", null, "{oops", 400, /not valid JSON/],
    ["a non-webhook body", null, '{"hello":1}', 400, /not a Messenger webhook payload/],
    ["another object", null, '{"object":"instagram","entry":[]}', 400, /Unsupported webhook object/],
    // No secret of that org can have signed it: the same 401 as any forged post (no oracle on organizations).
    [
      "an org without Facebook integration",
      "00000000-0000-4000-8000-000000000000",
      '{"object":"page","entry":[{"id":"1","messaging":[]}]}',
      401,
      /Invalid webhook signature/,
    ],
    [
      "a signed batch for no Page of the org",
      null,
      '{"object":"page","entry":[{"id":"1","messaging":[]}]}',
      404,
      /No Facebook integration/,
    ],
  ])("answers %s with a JSON error", async (_label, orgId, body, status, message) => {
    const response = await postWebhook((orgId as string | null) ?? org.orgId, body as string, { secret });
    expect(response.status).toBe(status);
    expect(response.json.error).toMatch(message as RegExp);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const fb = await createFacebookIntegration(org);
    const huge = payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "a".repeat(1_100_000) })]);
    const response = await postWebhook(org.orgId, huge);
    expect(response.status).toBe(413);
    expect(await storedMessages(fb.id)).toHaveLength(0);
  });
});
