import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as webhookLogRoute from "@/app/organization-integration/[integration_id]/webhook-log/route";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import {
  createFacebookIntegration,
  deliveryEvent,
  echoEvent,
  messageEvent,
  newMid,
  newPsid,
  payloadFor,
  postbackEvent,
  postWebhook,
  readEvent,
  verifySubscription,
} from "../helpers/fake-meta-webhook";
import { detailRoute, updateRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

// These tests decide per integration whether an App Secret exists: none may come from the environment.
vi.stubEnv("FACEBOOK_APP_SECRET", undefined);
afterAll(() => vi.unstubAllEnvs());

let org: TestOrg;
const newSecret = () => randomBytes(16).toString("hex");

beforeAll(async () => {
  org = await createTestOrg();
});

const storedMessages = (integrationId: string) =>
  db().messengerMessage.findMany({ where: { integrationId }, orderBy: [{ timestamp: "asc" }, { mid: "asc" }] });
const webhookLog = (integrationId: string) =>
  db().messengerWebhookLog.findMany({ where: { integrationId }, orderBy: { receivedAt: "desc" } });
const detail = async (id: string) =>
  (
    await callRoute(detailRoute.GET, {
      path: `/organization-integration/${id}`,
      params: { integration_id: id },
      headers: bearer(org.keys.admin),
    })
  ).json.integration;

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
    expect((await webhookLog(fb.id))[0]).toMatchObject({
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
    expect(await webhookLog(fb.id)).toEqual([]);
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
    expect((await webhookLog(fb.id))[0]).toMatchObject({ outcome: "stored", isVerified: false });

    // Once the admin sets the App Secret, signed deliveries clear the warning.
    const secret = newSecret();
    await callRoute(updateRoute.POST, {
      method: "POST",
      path: "/update-organization-integration",
      headers: bearer(org.keys.admin),
      body: { id: fb.id, api_secret: secret },
    });
    const signed = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "signed" })]),
      { secret },
    );
    expect(signed.status).toBe(200);
    expect((await detail(fb.id)).messenger).toMatchObject({ has_unverified_events: false });
  });
});

describe("POST /webhook (storage)", () => {
  it("stores a redelivered batch once, whatever the order of the events", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const psid = newPsid();
    const events = Array.from({ length: 5 }, (_, i) =>
      messageEvent(fb.pageId, psid, { text: `n${i}`, timestamp: 1_760_000_000_000 + i }),
    );
    for (const batch of [events, [...events].reverse(), [events[2], events[0]], events]) {
      expect((await postWebhook(org.orgId, payloadFor(fb.pageId, batch), { secret })).status).toBe(200);
    }
    // The same mid twice inside one batch, too.
    expect((await postWebhook(org.orgId, payloadFor(fb.pageId, [events[1], events[1]]), { secret })).status).toBe(200);
    const rows = await storedMessages(fb.id);
    expect(rows.map((row) => row.text)).toEqual(["n0", "n1", "n2", "n3", "n4"]);
    expect((await webhookLog(fb.id)).map((entry) => entry.storedCount)).toEqual([0, 0, 0, 0, 5]);
  });

  it("stores concurrent redeliveries of the same batch once, without deadlock", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const psids = [newPsid(), newPsid(), newPsid()];
    const events = psids.flatMap((psid, i) => [
      messageEvent(fb.pageId, psid, { text: `q${i}` }),
      echoEvent(fb.pageId, psid, { text: `a${i}` }),
      deliveryEvent(fb.pageId, psid, Date.now() + 5000),
    ]);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postWebhook(org.orgId, payloadFor(fb.pageId, i % 2 ? [...events].reverse() : events), { secret }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(200));
    const rows = await storedMessages(fb.id);
    expect(rows).toHaveLength(6);
    expect(rows.filter((row) => row.direction === "outbound").map((row) => row.status)).toEqual([
      "delivered",
      "delivered",
      "delivered",
    ]);
    expect((await webhookLog(fb.id)).reduce((sum, entry) => sum + entry.storedCount, 0)).toBe(6);
  });

  it("applies delivery and read receipts that arrive before the messages they cover, and never goes back", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const psid = newPsid();
    const t = 1_770_000_000_000;
    const [first, second, third] = [newMid(), newMid(), newMid()];
    // Receipts first: delivered up to t+2 (with mids), read up to t+1.
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [
        deliveryEvent(fb.pageId, psid, t + 2, [first, second]),
        readEvent(fb.pageId, psid, t + 1),
      ]),
      { secret },
    );
    // Then the echoes of what the Page sent, in reverse order, the last one after the watermarks.
    await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [
        echoEvent(fb.pageId, psid, { mid: third, timestamp: t + 3 }),
        echoEvent(fb.pageId, psid, { mid: second, timestamp: t + 2 }),
        echoEvent(fb.pageId, psid, { mid: first, timestamp: t + 1 }),
      ]),
      { secret },
    );
    const statusOf = async () => Object.fromEntries((await storedMessages(fb.id)).map((row) => [row.mid, row.status]));
    expect(await statusOf()).toEqual({ [first]: "read", [second]: "delivered", [third]: "sent" });
    // An old delivery receipt arriving late changes nothing; a newer read marks everything read.
    await postWebhook(org.orgId, payloadFor(fb.pageId, [deliveryEvent(fb.pageId, psid, t)]), { secret });
    expect(await statusOf()).toEqual({ [first]: "read", [second]: "delivered", [third]: "sent" });
    await postWebhook(org.orgId, payloadFor(fb.pageId, [readEvent(fb.pageId, psid, t + 10)]), { secret });
    expect(await statusOf()).toEqual({ [first]: "read", [second]: "read", [third]: "read" });
    const rows = await storedMessages(fb.id);
    expect(
      rows.every((row) => row.direction === "outbound" && row.senderId === fb.pageId && row.recipientId === psid),
    ).toBe(true);
  });

  it("handles a 1000-event batch in one request with batched writes", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const t = 1_780_000_000_000;
    const psidOf = (i: number) => `7${String(i % 47).padStart(15, "0")}`;
    const events = Array.from({ length: 1000 }, (_, i) => {
      if (i % 10 === 9) return deliveryEvent(fb.pageId, psidOf(i), t + i);
      return i % 3 === 0
        ? echoEvent(fb.pageId, psidOf(i), { timestamp: t + i })
        : messageEvent(fb.pageId, psidOf(i), { text: `#${i}`, timestamp: t + i });
    });
    // What the receipts must do: an echo is delivered when a delivery watermark of its person covers it.
    const watermarks = new Map<string, number>();
    events.forEach(
      (_, i) => i % 10 === 9 && watermarks.set(psidOf(i), Math.max(watermarks.get(psidOf(i)) ?? 0, t + i)),
    );
    const expectedDelivered = events.filter(
      (_, i) => i % 10 !== 9 && i % 3 === 0 && (watermarks.get(psidOf(i)) ?? 0) >= t + i,
    ).length;

    const started = performance.now();
    const response = await postWebhook(org.orgId, payloadFor(fb.pageId, events), { secret });
    const elapsed = performance.now() - started;
    console.info(`1000-event webhook batch stored in ${elapsed.toFixed(0)} ms`);
    expect(response.status).toBe(200);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id } })).toBe(900);
    expect(expectedDelivered).toBeGreaterThan(100);
    expect(await db().messengerMessage.count({ where: { integrationId: fb.id, status: "delivered" } })).toBe(
      expectedDelivered,
    );
    expect((await webhookLog(fb.id))[0]).toMatchObject({ eventsCount: 1000, storedCount: 900 });
  });

  it("answers 503 and stores nothing when the database fails mid-batch, then stores all on redelivery", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const marker = newPsid();
    const suffix = randomBytes(4).toString("hex");
    await db().$executeRawUnsafe(
      `CREATE FUNCTION fail_on_marker_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`,
    );
    await db().$executeRawUnsafe(
      `CREATE TRIGGER fail_on_marker_${suffix} BEFORE INSERT ON messenger_messages FOR EACH ROW WHEN (NEW.sender_id = '${marker}') EXECUTE FUNCTION fail_on_marker_${suffix}()`,
    );
    const payload = payloadFor(fb.pageId, [
      ...Array.from({ length: 10 }, () => messageEvent(fb.pageId, newPsid(), { text: "fine" })),
      messageEvent(fb.pageId, marker, { text: "boom" }),
    ]);
    try {
      const response = await postWebhook(org.orgId, payload, { secret });
      expect(response.status).toBe(503);
      expect(response.json).toEqual({ error: "The webhook events could not be stored; please retry" });
      expect(await storedMessages(fb.id)).toHaveLength(0);
      expect((await webhookLog(fb.id)).map((entry) => entry.outcome)).toEqual(["failed"]);
      expect((await detail(fb.id)).messenger.last_event_at).toBeNull();
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER fail_on_marker_${suffix} ON messenger_messages`);
      await db().$executeRawUnsafe(`DROP FUNCTION fail_on_marker_${suffix}()`);
    }
    expect((await postWebhook(org.orgId, payload, { secret })).status).toBe(200);
    expect(await storedMessages(fb.id)).toHaveLength(11);
  });

  it("answers 200 for an inactive integration but stores nothing, and counts it in the log", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret, isActive: false });
    const response = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "hi" })]),
      { secret },
    );
    expect(response).toMatchObject({ status: 200, text: "EVENT_RECEIVED" });
    expect(await storedMessages(fb.id)).toHaveLength(0);
    expect((await webhookLog(fb.id))[0]).toMatchObject({ outcome: "ignored_inactive", eventsCount: 1, storedCount: 0 });
  });

  it("routes entries to the integration of their Page and keeps unknown event kinds in the log", async () => {
    const local = await createTestOrg();
    // Two Pages of one Meta app: one App Secret signs the batch for both.
    const secret = newSecret();
    const first = await createFacebookIntegration(local, { appSecret: secret });
    const second = await createFacebookIntegration(local, { appSecret: secret });
    const psid = newPsid();
    // An event kind this app does not handle (Meta's message_edits): kept verbatim in the log.
    const edit = {
      sender: { id: psid },
      recipient: { id: second.pageId },
      timestamp: Date.now(),
      message_edit: { mid: newMid(), text: "edited", num_edit: 1 },
    };
    const response = await postWebhook(
      local.orgId,
      {
        object: "page",
        entry: [
          { id: first.pageId, time: Date.now(), messaging: [messageEvent(first.pageId, psid, { text: "to first" })] },
          {
            id: second.pageId,
            time: Date.now(),
            messaging: [messageEvent(second.pageId, psid, { text: "to second" }), edit],
          },
        ],
      },
      { secret },
    );
    expect(response.status).toBe(200);
    expect((await storedMessages(first.id)).map((row) => row.text)).toEqual(["to first"]);
    expect((await storedMessages(second.id)).map((row) => row.text)).toEqual(["to second"]);
    const [entry] = await webhookLog(second.id);
    expect(entry).toMatchObject({ eventsCount: 2, storedCount: 1 });
    expect(entry.unknownEvents).toEqual([edit]);
  });

  it("falls back to the org's one integration without a page_id", async () => {
    const local = await createTestOrg();
    const secret = newSecret();
    const fb = await createFacebookIntegration(local, { pageId: null, appSecret: secret });
    const response = await postWebhook(
      local.orgId,
      payloadFor("123450000", [messageEvent("123450000", newPsid(), { text: "any page" })]),
      { secret },
    );
    expect(response.status).toBe(200);
    expect((await storedMessages(fb.id)).map((row) => row.recipientId)).toEqual(["123450000"]);
  });

  it("keeps the webhook log bounded per integration", async () => {
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { isActive: false, appSecret: secret });
    const body = payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid())]);
    for (let i = 0; i < 205; i += 1) expect((await postWebhook(org.orgId, body, { secret })).status).toBe(200);
    expect(await db().messengerWebhookLog.count({ where: { integrationId: fb.id } })).toBe(200);

    const readLog = (key: string, query = "") =>
      callRoute(webhookLogRoute.GET, {
        path: `/organization-integration/${fb.id}/webhook-log${query}`,
        params: { integration_id: fb.id },
        headers: bearer(key),
      });
    const { status, json } = await readLog(org.keys.viewer, "?limit=3");
    expect(status).toBe(200);
    expect(json.deliveries).toHaveLength(3);
    expect(json.deliveries[0]).toMatchObject({
      outcome: "ignored_inactive",
      is_verified: true,
      events_count: 1,
      stored_count: 0,
      unknown_events: [],
    });
    expect((await readLog((await createTestOrg()).keys.owner)).status).toBe(404);
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
