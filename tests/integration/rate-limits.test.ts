// Guessing is throttled: failed API keys and sign-ins, per IP and per account, 10 a minute, then 429 + Retry-After.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import { FAILURES_PER_MINUTE, recordAuthFailure } from "@/lib/auth/rate-limit";
import { bearer } from "../helpers/call-route";
import { integrationApi } from "../helpers/integration-api";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

const freshIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("API key failures", () => {
  it("answer 401 ten times, then 429 with Retry-After, while a valid key from that IP keeps working", async () => {
    const ip = freshIp();
    const list = (key: string, from = ip) =>
      integrationApi({ ...bearer(key), "x-forwarded-for": from }).list(`org_id=${org.orgId}`);
    for (let attempt = 1; attempt <= FAILURES_PER_MINUTE; attempt++) {
      expect((await list(`oik_wrong-${attempt}-${randomUUID()}`)).status).toBe(401);
    }
    const limited = await list(`oik_wrong-last-${randomUUID()}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.json.error).toMatch(/Too many failed attempts/);
    // Someone else's failures (or a forged X-Forwarded-For) must not lock out a real key.
    expect((await list(org.keys.admin)).status).toBe(200);
    expect((await list(`oik_wrong-again-${randomUUID()}`)).status).toBe(429);
    // Another client is not affected.
    const other = await list(org.keys.admin, freshIp());
    expect(other.status).toBe(200);
  });
});

describe("sign-in", () => {
  const signIn = (ip: string, email: string) =>
    nextAuthRoute.POST(
      new Request("https://integrations.example.test/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
        body: new URLSearchParams({ email, password: "wrong", csrfToken: "x" }),
      }),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );

  it("is refused with 429 once an account has failed too often, from any IP", async () => {
    const email = `victim-${randomUUID()}@example.test`;
    for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++)
      await recordAuthFailure(freshIp(), email).catch(() => {});
    const response = await signIn(freshIp(), email.toUpperCase());
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    // `url` is for next-auth's client, which reads the error from it (lib/auth/auth-endpoint.ts).
    expect(await response.json()).toEqual({
      error: expect.stringMatching(/Too many failed attempts/),
      url: expect.any(String),
    });
  });

  it("is refused with 429 once an IP has failed too often, whatever the account", async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++)
      await recordAuthFailure(ip, `a${attempt}-${randomUUID()}@x.test`).catch(() => {});
    expect((await signIn(ip, `fresh-${randomUUID()}@example.test`)).status).toBe(429);
  });
});

describe("with REDIS_URL", () => {
  const globals = globalThis as unknown as { authLimiters?: unknown; redis?: { quit: () => Promise<unknown> } };
  const previous = process.env.REDIS_URL;

  beforeAll(() => {
    process.env.REDIS_URL = "redis://127.0.0.1:6379";
    globals.authLimiters = undefined;
  });
  afterAll(async () => {
    await globals.redis?.quit();
    globals.redis = undefined;
    globals.authLimiters = undefined;
    if (previous === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = previous;
  });

  it("counts failures in Redis, where every app instance sees them", async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++) await recordAuthFailure(ip);
    await expect(recordAuthFailure(ip)).rejects.toMatchObject({ code: "rate_limited" });
    const { Redis } = await import("ioredis");
    const client = new Redis("redis://127.0.0.1:6379");
    try {
      expect(Number(await client.get(`oi:auth-ip:${ip}`))).toBeGreaterThanOrEqual(FAILURES_PER_MINUTE);
    } finally {
      await client.quit();
    }
  });
});
