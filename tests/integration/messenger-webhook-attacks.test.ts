// Attacks on the public webhook (review finding 4): whoever knows an org id must not be able to inject messages,
// echoes or receipts, probe which Pages exist, flush the delivery log, or hammer the endpoint; a batch is stored
// only for the integrations whose App Secret signed it, or that explicitly opted in to unsigned test deliveries.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import {
  createFacebookIntegration,
  deliveryEvent,
  echoEvent,
  messageEvent,
  newMid,
  newPageId,
  newPsid,
  payloadFor,
  postWebhook,
  readEvent,
} from "../helpers/fake-meta-webhook";
import { integrationApi } from "../helpers/integration-api";
import { storedMessages, webhookLogRows } from "../helpers/messenger-rows";
import { createTestOrg } from "../helpers/seed";
import { newSecret, withoutServerAppSecret } from "../helpers/webhook-org";

// The guide's minimal create has no App Secret, and neither has this server.
withoutServerAppSecret();

const FORGED = `sha256=${"ab".repeat(32)}`;

describe("unsigned and forged deliveries", () => {
  it("refuses an unsigned injection into a minimal-create integration with 401 and stores nothing", async () => {
    const org = await createTestOrg();
    const fb = await createFacebookIntegration(org);
    const body = payloadFor(fb.pageId, [
      messageEvent(fb.pageId, newPsid(), { text: "Click http://evil.test to get a refund" }),
    ]);
    expect(await postWebhook(org.orgId, body)).toMatchObject({
      status: 401,
      json: { error: "Missing X-Hub-Signature-256 header" },
    });
    expect(await postWebhook(org.orgId, body, { signature: FORGED })).toMatchObject({
      status: 401,
      json: { error: "Invalid webhook signature" },
    });
    expect(await storedMessages(fb.id)).toHaveLength(0);
    expect(await webhookLogRows(fb.id)).toHaveLength(0);
    expect((await integrationApi(org.keys.admin).integration(fb.id)).messenger).toMatchObject({
      last_event_at: null,
      has_unverified_events: false,
    });
  });

  it("refuses forged echoes and delivery/read receipts, leaving the real outbound message as it was", async () => {
    const org = await createTestOrg();
    const fb = await createFacebookIntegration(org);
    const psid = newPsid();
    const realMid = newMid();
    const sentAt = Date.now() - 60_000;
    await db().messengerMessage.create({
      data: {
        integrationId: fb.id,
        mid: realMid,
        direction: "outbound",
        kind: "message",
        senderId: fb.pageId,
        recipientId: psid,
        psid,
        text: "Your order left",
        status: "sent",
        timestamp: new Date(sentAt),
      },
    });
    const forgeries = [
      payloadFor(fb.pageId, [echoEvent(fb.pageId, psid, { text: "We will refund you twice, send your card number" })]),
      payloadFor(fb.pageId, [deliveryEvent(fb.pageId, psid, Date.now(), [realMid])]),
      payloadFor(fb.pageId, [readEvent(fb.pageId, psid, Date.now())]),
    ];
    for (const body of forgeries) {
      expect((await postWebhook(org.orgId, body)).status).toBe(401);
      expect((await postWebhook(org.orgId, body, { signature: FORGED })).status).toBe(401);
    }
    const rows = await storedMessages(fb.id);
    expect(rows.map((row) => [row.mid, row.status])).toEqual([[realMid, "sent"]]);
  });

  it("answers an unsigned or forged post the same whether a Page matches, no Page matches, or the org does not exist", async () => {
    const org = await createTestOrg();
    const minimal = await createFacebookIntegration(org);
    const signed = await createFacebookIntegration(org, { appSecret: newSecret() });
    const withoutFacebook = await createTestOrg();
    const targets = [
      [org.orgId, minimal.pageId],
      [org.orgId, signed.pageId],
      [org.orgId, newPageId()],
      [withoutFacebook.orgId, newPageId()],
      [randomUUID(), newPageId()],
    ];
    for (const options of [{}, { signature: FORGED }]) {
      const answers = [];
      for (const [orgId, pageId] of targets) {
        const response = await postWebhook(
          orgId,
          payloadFor(pageId, [messageEvent(pageId, newPsid(), { text: "probe" })]),
          options,
        );
        answers.push({ status: response.status, body: response.text, retryAfter: response.headers.get("retry-after") });
      }
      expect(answers[0].status).toBe(401);
      for (const answer of answers) expect(answer).toEqual(answers[0]);
    }
    expect(await storedMessages(minimal.id)).toHaveLength(0);
  });

  it("keeps the real entries of the delivery log however many forged posts arrive", async () => {
    const org = await createTestOrg();
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const real = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "real" })]),
      { secret },
    );
    expect(real.status).toBe(200);
    const forged = JSON.stringify(payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "noise" })]));
    for (let i = 0; i < 205; i += 1) {
      const response = await postWebhook(org.orgId, forged, i % 2 ? { signature: FORGED } : {});
      expect([401, 429]).toContain(response.status);
    }
    const log = await webhookLogRows(fb.id);
    expect(log.map((entry) => [entry.outcome, entry.isVerified, entry.storedCount])).toEqual([["stored", true, 1]]);
    expect((await storedMessages(fb.id)).map((row) => row.text)).toEqual(["real"]);
  });

  it("limits rejected deliveries per organization (429 with Retry-After) without locking out Meta's signed ones", async () => {
    const [org, neighbour] = [await createTestOrg(), await createTestOrg()];
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const body = JSON.stringify(payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "forged" })]));
    const statuses: number[] = [];
    for (let i = 0; i < 60; i += 1) statuses.push((await postWebhook(org.orgId, body, { signature: FORGED })).status);
    expect(statuses).toEqual(Array(60).fill(401));
    for (const options of [{ signature: FORGED }, {}]) {
      const limited = await postWebhook(org.orgId, body, options);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.json.error).toMatch(/Too many rejected webhook deliveries/);
    }
    // Meta's signed deliveries still go through, and other organizations are not affected.
    const genuine = await postWebhook(
      org.orgId,
      payloadFor(fb.pageId, [messageEvent(fb.pageId, newPsid(), { text: "genuine" })]),
      { secret },
    );
    expect(genuine.status).toBe(200);
    expect((await storedMessages(fb.id)).map((row) => row.text)).toEqual(["genuine"]);
    expect((await postWebhook(neighbour.orgId, body, { signature: FORGED })).status).toBe(401);
  });
});

describe("batches naming Pages of several integrations", () => {
  it("stores the events of the integration whose App Secret signed the batch, and not the other's", async () => {
    const org = await createTestOrg();
    const [secretA, secretB] = [newSecret(), newSecret()];
    const a = await createFacebookIntegration(org, { appSecret: secretA });
    const b = await createFacebookIntegration(org, { appSecret: secretB });
    const psid = newPsid();
    const batch = (label: string) => ({
      object: "page",
      entry: [
        { id: a.pageId, time: Date.now(), messaging: [messageEvent(a.pageId, psid, { text: `${label} to A` })] },
        { id: b.pageId, time: Date.now(), messaging: [messageEvent(b.pageId, psid, { text: `${label} to B` })] },
      ],
    });
    expect((await postWebhook(org.orgId, batch("signed by A"), { secret: secretA })).status).toBe(200);
    expect((await postWebhook(org.orgId, batch("signed by B"), { secret: secretB })).status).toBe(200);
    expect((await storedMessages(a.id)).map((row) => [row.text, row.isVerified])).toEqual([["signed by A to A", true]]);
    expect((await storedMessages(b.id)).map((row) => [row.text, row.isVerified])).toEqual([["signed by B to B", true]]);
    expect((await postWebhook(org.orgId, batch("forged"), { signature: FORGED })).status).toBe(401);
  });
});

describe("config.accept_unsigned_events", () => {
  it("stores unsigned deliveries marked unverified for the integration that opted in, and only for it", async () => {
    const org = await createTestOrg();
    const optedIn = await createFacebookIntegration(org, { config: { accept_unsigned_events: true } });
    const minimal = await createFacebookIntegration(org);
    const psid = newPsid();
    const response = await postWebhook(org.orgId, {
      object: "page",
      entry: [
        {
          id: optedIn.pageId,
          time: Date.now(),
          messaging: [messageEvent(optedIn.pageId, psid, { text: "test delivery" })],
        },
        { id: minimal.pageId, time: Date.now(), messaging: [messageEvent(minimal.pageId, psid, { text: "injected" })] },
      ],
    });
    expect(response).toMatchObject({ status: 200, text: "EVENT_RECEIVED" });
    expect((await storedMessages(optedIn.id)).map((row) => [row.text, row.isVerified])).toEqual([
      ["test delivery", false],
    ]);
    expect(await storedMessages(minimal.id)).toHaveLength(0);
    const shown = await integrationApi(org.keys.admin).integration(optedIn.id);
    expect(shown.config).toMatchObject({ accept_unsigned_events: true });
    expect(shown.messenger).toMatchObject({ has_unverified_events: true, app_secret_source: null });
    expect((await webhookLogRows(optedIn.id))[0]).toMatchObject({ outcome: "stored", isVerified: false });

    // The opt-in opens only its own Page: an unsigned post naming another integration's Page is answered like one
    // naming no Page of the org, and stores nothing.
    const [forOther, forNobody] = [
      await postWebhook(
        org.orgId,
        payloadFor(minimal.pageId, [messageEvent(minimal.pageId, psid, { text: "injected again" })]),
      ),
      await postWebhook(org.orgId, payloadFor(newPageId(), [messageEvent(newPageId(), psid, { text: "nobody" })])),
    ];
    expect(forOther.status).toBe(404);
    expect([forOther.status, forOther.text]).toEqual([forNobody.status, forNobody.text]);
    expect(await storedMessages(minimal.id)).toHaveLength(0);
  });

  it("is a boolean, off unless set", async () => {
    const org = await createTestOrg();
    const create = (config: Record<string, unknown>) =>
      integrationApi(org.keys.admin).create({
        org_id: org.orgId,
        integration_type: "facebook",
        name: "Page",
        access_token: "EAABtoken",
        config,
      });
    expect((await create({ accept_unsigned_events: "yes" })).status).toBe(400);
    const plain = await create({ page_id: newPageId() });
    expect(plain.status).toBe(201);
    expect(plain.json.integration.config.accept_unsigned_events).toBeUndefined();
  });
});
