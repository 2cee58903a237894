// Beyond one machine: two production instances on different ports, one PostgreSQL, one Redis. An API key and a
// session cookie work on either; failed-auth and rejected-webhook rate limits are counted once for both; webhook
// redeliveries split across both instances (even arriving at the same moment) are stored exactly once.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILURES_PER_MINUTE } from "@/lib/auth/rate-limit";
import { REJECTED_DELIVERIES_PER_MINUTE } from "@/lib/messenger/webhook-rate-limit";
import type { AppServer } from "../../bench/support/app-server";
import { createBenchDatabase, dropBenchDatabase } from "../../bench/support/bench-database";
import { secretsFoundIn } from "./support/leak-scan";
import { deliveryBody, personMessage, postDelivery } from "./support/meta-delivery";
import { startProductionApp } from "./support/production-app";
import { seedOrg, sessionCookie, type SeededOrg } from "./support/seed-org";

const encryptionKey = randomBytes(32).toString("base64");
const authSecret = randomBytes(32).toString("base64url");
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let databaseUrl: string;
let instances: AppServer[] = [];
let org: SeededOrg;

beforeAll(async () => {
  databaseUrl = await createBenchDatabase("oi_system_two");
  org = await seedOrg(databaseUrl, { encryptionKey, withFacebook: true });
  const env = { LOG_LEVEL: "debug", DATABASE_URL: databaseUrl, REDIS_URL };
  const secrets = { encryptionKey, authSecret };
  instances = await Promise.all([startProductionApp(secrets, env), startProductionApp(secrets, env)]);
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  if (databaseUrl) await dropBenchDatabase(databaseUrl);
});

describe("two instances, one PostgreSQL, one Redis", () => {
  it("accepts the same API key and the same session cookie on either instance", async () => {
    const cookie = await sessionCookie(org.userId, authSecret);
    for (const instance of instances) {
      const list = await fetch(`${instance.url}/organization-integrations?org_id=${org.orgId}`, {
        headers: { authorization: `Bearer ${org.apiKey}` },
      });
      expect(list.status).toBe(200);
      expect((await list.json()).integrations).toHaveLength(1);
      const me = await fetch(`${instance.url}/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(JSON.stringify(await me.json())).toContain(org.orgId);
    }
  });

  it("counts failed API keys from one client once across both instances (shared rate limit)", async () => {
    // A client address of our own: other runs share this Redis.
    const ip = `198.51.100.${1 + Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const attempt = (instance: AppServer) =>
      fetch(`${instance.url}/organization-integrations?org_id=${org.orgId}`, {
        headers: { authorization: `Bearer oik_wrong${randomUUID()}`, "x-forwarded-for": ip },
      });
    for (let i = 0; i < FAILURES_PER_MINUTE; i++) expect((await attempt(instances[i % 2])).status).toBe(401);
    // Each instance saw only half of the allowance: only a shared counter has used it up.
    const limited = await attempt(instances[0]);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await attempt(instances[1]);
    expect(other.status).toBe(429);
    // The right key from another client is unaffected.
    const ok = await fetch(`${instances[0].url}/organization-integrations?org_id=${org.orgId}`, {
      headers: { authorization: `Bearer ${org.apiKey}` },
    });
    expect(ok.status).toBe(200);
  });

  it("stores webhook redeliveries split across both instances exactly once", async () => {
    const facebook = org.facebook!;
    const batches = Array.from({ length: 30 }, (_, b) => {
      const now = Date.now();
      const messaging = Array.from({ length: 5 }, (_, e) => ({
        sender: { id: "7000000001" },
        recipient: { id: facebook.pageId },
        timestamp: now,
        message: { mid: `m_two_${b}_${e}_${randomUUID()}`, text: `b${b} e${e}` },
      }));
      return deliveryBody(facebook.pageId, messaging, now);
    });
    const deliver = async (instance: AppServer, body: string) => {
      // Like Meta: retried until acknowledged.
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await postDelivery(instance.url, org.orgId, facebook.appSecret, body);
        if (response.status === 200) return 200;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return 0;
    };
    // Every batch goes to both instances at the same moment, and once more to one of them a little later.
    const statuses = await Promise.all(
      batches.flatMap((body, i) => [
        deliver(instances[0], body),
        deliver(instances[1], body),
        deliver(instances[i % 2], body),
      ]),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query(
      "SELECT count(*)::int AS n, count(DISTINCT mid)::int AS distinct_mids FROM messenger_messages WHERE integration_id = $1",
      [facebook.id],
    );
    await client.end();
    expect(rows[0]).toEqual({ n: 150, distinct_mids: 150 });
  });

  it("sends a message stored through one instance to a live stream held on the other (LISTEN/NOTIFY)", async () => {
    const facebook = org.facebook!;
    const abort = new AbortController();
    const stream = await fetch(`${instances[1].url}/organization-integration/${facebook.id}/events`, {
      headers: { authorization: `Bearer ${org.apiKey}` },
      signal: abort.signal,
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const mid = `m_live_${randomUUID()}`;
    const body = deliveryBody(facebook.pageId, [
      personMessage(facebook.pageId, "7000000002", { mid, text: "across instances" }),
    ]);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = "";
    const arrived = (async () => {
      while (!received.includes(mid)) {
        const { done, value } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      return received.includes(mid);
    })();
    // Give the stream a moment to subscribe before the message exists (it starts from "now").
    await new Promise((resolve) => setTimeout(resolve, 500));
    const posted = await postDelivery(instances[0].url, org.orgId, facebook.appSecret, body);
    expect(posted.status).toBe(200);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000));
    expect(await Promise.race([arrived, timeout])).toBe(true);
    expect(received).toMatch(/event: message\n/);
    abort.abort();
  });

  it("counts rejected webhook deliveries for one organization once across both instances (shared rate limit)", async () => {
    // An organization id of our own (known or not, the limit is the same): other runs share this Redis.
    const orgId = randomUUID();
    const body = JSON.stringify({ object: "page", entry: [{ id: "1234567890", time: Date.now(), messaging: [] }] });
    const forge = (instance: AppServer) =>
      fetch(`${instance.url}/webhook?org_id=${orgId}`, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
      });
    for (let i = 0; i < REJECTED_DELIVERIES_PER_MINUTE; i++) expect((await forge(instances[i % 2])).status).toBe(401);
    for (const instance of instances) {
      const limited = await forge(instance);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("writes none of the secrets it was given or shown to its logs", async () => {
    const cookie = await sessionCookie(org.userId, authSecret);
    const secrets = [encryptionKey, authSecret, org.apiKey, org.facebook!.appSecret, cookie.split("=")[1], databaseUrl];
    for (const instance of instances) expect(secretsFoundIn(instance.output(), secrets)).toEqual([]);
    expect(instances.map((instance) => instance.output().length).every((length) => length > 0)).toBe(true);
  });
});
