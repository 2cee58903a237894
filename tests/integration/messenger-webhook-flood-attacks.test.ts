// Floods of forged traffic on the public webhook (review M2, L8). Whoever knows an org id must not be able to use up
// the org's delivery ceiling (Meta's real, signed deliveries would then get 429 and, after an hour of failures, Meta
// disables the subscription), slip past the cheap early refusal with a junk signature header, spray organizations
// from one address, or guess verify tokens without limit.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as webhookRoute from "@/app/webhook/route";
import { REJECTED_DELIVERIES_PER_MINUTE, REJECTED_PER_ADDRESS_PER_MINUTE } from "@/lib/messenger/webhook-rate-limit";
import { randomAddress } from "../helpers/auth-client";
import { TEST_ORIGIN } from "../helpers/call-route";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
  verifySubscription,
} from "../helpers/fake-meta-webhook";
import { storedMessages } from "../helpers/messenger-rows";
import { createTestOrg } from "../helpers/seed";
import { newSecret, withoutServerAppSecret } from "../helpers/webhook-org";

const CEILING = 5;
// Stubbed before the first serverEnv() read of this file's module graph, and undone so no other file sees it.
vi.stubEnv("WEBHOOK_RATE_LIMIT_PER_MINUTE", String(CEILING));
withoutServerAppSecret();

const WELL_FORMED_FORGERY = `sha256=${"ab".repeat(32)}`;
// Headers that cannot be a signature at all: before the fix each one counted as "signed".
const JUNK_SIGNATURES = [
  "sha256=junk",
  "x",
  `sha256=${"0".repeat(63)}`,
  `sha1=${"0".repeat(40)}`,
  `sha256=${"g".repeat(64)}`,
];
const storedTexts = async (integrationId: string) => (await storedMessages(integrationId)).map((row) => row.text);
const textPayload = (pageId: string, text: string) => payloadFor(pageId, [messageEvent(pageId, newPsid(), { text })]);

/** A POST whose body is pulled from a stream that counts what the server read of it. */
async function postCountingBody(orgId: string, headers: Record<string, string>) {
  const body = new TextEncoder().encode(JSON.stringify(textPayload("1", "x".repeat(4096))));
  let pulled = 0;
  const source: UnderlyingDefaultSource<Uint8Array> = {
    pull(controller) {
      if (pulled >= body.byteLength) return controller.close();
      const chunk = body.subarray(pulled, pulled + 1024);
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  };
  // highWaterMark 0: a chunk is pulled only when someone reads, nothing is buffered ahead of the server.
  const stream = new ReadableStream<Uint8Array>(source, { highWaterMark: 0 });
  const request = new Request(`${TEST_ORIGIN}/webhook?org_id=${orgId}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: stream,
    duplex: "half",
  } as RequestInit);
  const response = await webhookRoute.POST(request);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    json: await response.json(),
    pulled: () => pulled,
  };
}

describe("forged deliveries and the org's delivery ceiling", () => {
  it("do not use it up: after a flood of forged posts, Meta's signed delivery still gets 200 and is stored", async () => {
    const org = await createTestOrg();
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    const forged = JSON.stringify(textPayload(fb.pageId, "forged"));
    const attacker = randomAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 4 * CEILING; i += 1) {
      const signature = [...JUNK_SIGNATURES, WELL_FORMED_FORGERY][i % (JUNK_SIGNATURES.length + 1)];
      statuses.push((await postWebhook(org.orgId, forged, { signature, forwardedFor: attacker })).status);
    }
    // Every forgery is refused as such, none as "too many deliveries".
    expect(statuses).toEqual(Array(4 * CEILING).fill(401));

    for (let i = 0; i < CEILING; i += 1) {
      const genuine = await postWebhook(org.orgId, textPayload(fb.pageId, `genuine ${i}`), { secret });
      expect(genuine.status).toBe(200);
    }
    expect(await storedTexts(fb.id)).toEqual(Array.from({ length: CEILING }, (_, i) => `genuine ${i}`));
    // Verified deliveries do count: the ceiling still holds for them.
    const limited = await postWebhook(org.orgId, textPayload(fb.pageId, "one too many"), { secret });
    expect(limited.status).toBe(429);
    expect(limited.json.error).toMatch(/Too many webhook deliveries/);
  });

  it("still counts deliveries an integration accepted unsigned (opted-in test deliveries)", async () => {
    const org = await createTestOrg();
    const fb = await createFacebookIntegration(org, { config: { accept_unsigned_events: true } });
    for (let i = 0; i < CEILING; i += 1)
      expect((await postWebhook(org.orgId, textPayload(fb.pageId, `test ${i}`))).status).toBe(200);
    expect((await postWebhook(org.orgId, textPayload(fb.pageId, "one too many"))).status).toBe(429);
  });
});

describe("a junk X-Hub-Signature-256 header", () => {
  it("counts as unsigned: once the org's rejected allowance is used up it is refused before the body is read", async () => {
    const org = await createTestOrg();
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    for (let i = 0; i < REJECTED_DELIVERIES_PER_MINUTE; i += 1) {
      expect((await postWebhook(org.orgId, textPayload(fb.pageId, "forged"))).status).toBe(401);
    }
    for (const signature of JUNK_SIGNATURES) {
      const refused = await postCountingBody(org.orgId, {
        "x-hub-signature-256": signature,
        "x-forwarded-for": randomAddress(),
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(refused.json.error).toMatch(/Too many rejected webhook deliveries for this organization/);
      expect(refused.pulled()).toBe(0);
    }
    // A well-formed signature is always checked (it may be Meta's): Meta's delivery is not locked out.
    expect((await postWebhook(org.orgId, textPayload(fb.pageId, "genuine"), { secret })).status).toBe(200);
    expect(await storedTexts(fb.id)).toEqual(["genuine"]);
  });
});

describe("one client address spraying organizations", () => {
  it("is limited across organizations (429 with Retry-After), without blocking signed deliveries from it", async () => {
    const attacker = randomAddress();
    const forged = JSON.stringify(textPayload("1", "forged"));
    const statuses: number[] = [];
    // Every post names another organization, so no per-organization allowance is ever reached.
    for (let i = 0; i < REJECTED_PER_ADDRESS_PER_MINUTE; i += 1)
      statuses.push((await postWebhook(randomUUID(), forged, { forwardedFor: attacker })).status);
    expect(statuses).toEqual(Array(REJECTED_PER_ADDRESS_PER_MINUTE).fill(401));

    for (const signature of [undefined, JUNK_SIGNATURES[0], WELL_FORMED_FORGERY]) {
      const limited = await postWebhook(randomUUID(), forged, {
        forwardedFor: attacker,
        ...(signature ? { signature } : {}),
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.json.error).toMatch(/Too many rejected webhook deliveries from this address/);
    }
    expect((await postWebhook(randomUUID(), forged, { forwardedFor: randomAddress() })).status).toBe(401);
    // The same address (a shared egress, or one the attacker claims) still delivers what Meta signed.
    const org = await createTestOrg();
    const secret = newSecret();
    const fb = await createFacebookIntegration(org, { appSecret: secret });
    expect(
      (await postWebhook(org.orgId, textPayload(fb.pageId, "genuine"), { secret, forwardedFor: attacker })).status,
    ).toBe(200);
    expect(await storedTexts(fb.id)).toEqual(["genuine"]);
  });
});

describe("GET /webhook verify-token guessing", () => {
  const handshake = (verifyToken: string) => ({
    "hub.mode": "subscribe",
    "hub.verify_token": verifyToken,
    "hub.challenge": "1158201444",
  });

  it("is limited per organization: past the allowance even the right token gets 429 with Retry-After", async () => {
    const [org, neighbour] = [await createTestOrg(), await createTestOrg()];
    const [fb, other] = [await createFacebookIntegration(org), await createFacebookIntegration(neighbour)];
    const statuses: number[] = [];
    for (let i = 0; i < REJECTED_DELIVERIES_PER_MINUTE; i += 1)
      statuses.push((await verifySubscription(org.orgId, handshake(`guess-${i}`))).status);
    expect(statuses).toEqual(Array(REJECTED_DELIVERIES_PER_MINUTE).fill(403));

    for (const token of ["one more guess", fb.verifyToken]) {
      const limited = await verifySubscription(org.orgId, handshake(token));
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(limited.json.error).toMatch(/Too many failed webhook verifications for this organization/);
      expect(limited.text).not.toContain("1158201444");
    }
    expect(await verifySubscription(neighbour.orgId, handshake(other.verifyToken))).toMatchObject({
      status: 200,
      text: "1158201444",
    });
  });

  it("is limited per client address across organizations", async () => {
    const attacker = randomAddress();
    for (let i = 0; i < REJECTED_PER_ADDRESS_PER_MINUTE; i += 1) {
      expect((await verifySubscription(randomUUID(), handshake(`guess-${i}`), { forwardedFor: attacker })).status).toBe(
        403,
      );
    }
    const org = await createTestOrg();
    const fb = await createFacebookIntegration(org);
    const limited = await verifySubscription(org.orgId, handshake(fb.verifyToken), { forwardedFor: attacker });
    expect(limited.status).toBe(429);
    expect(limited.json.error).toMatch(/Too many failed webhook verifications from this address/);
    expect(await verifySubscription(org.orgId, handshake(fb.verifyToken))).toMatchObject({
      status: 200,
      text: "1158201444",
    });
  });
});
