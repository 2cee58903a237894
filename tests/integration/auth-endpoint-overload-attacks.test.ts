// Overloading the sign-in endpoint without an account (review M3, L3): a huge body must be refused after reading
// about the 8 KB the form may have, not buffered whole; and when the password hash queue is full, sign-in answers
// 503 with Retry-After at once instead of queueing without limit (each hash holds 128 MiB while it runs).
import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import { MAX_CONCURRENT_HASHES, MAX_WAITING_HASHES, verifyPassword } from "@/lib/auth/password";
import { createUserWithPassword, randomAddress, SIGN_IN_PATH, signIn, signInError } from "../helpers/auth-client";
import { TEST_ORIGIN } from "../helpers/call-route";

// Real sign-ins hash with scrypt (128 MiB, ≈ 0.4 s each) on a machine shared with other test runs.
vi.setConfig({ testTimeout: 120_000 });

const FORM_LIMIT = 8 * 1024;
const PASSWORD = "a long sign-in password";

/** A form body of `total` bytes, produced on demand in `chunkSize` pieces; `pulled()` is what the server asked for. */
function endlessForm(total: number, chunkSize = 1024) {
  const chunk = new TextEncoder().encode("a".repeat(chunkSize));
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

function postStream(segments: string[], body: ReadableStream<Uint8Array>) {
  const request = new Request(`${TEST_ORIGIN}/api/auth/${segments.join("/")}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": randomAddress() },
    body,
    duplex: "half",
  } as RequestInit);
  return authRoute.POST(request, { params: Promise.resolve({ nextauth: segments }) });
}

describe("a body far larger than the form limit", () => {
  it.each([
    ["sign-in", SIGN_IN_PATH],
    ["sign-out", ["signout"]],
  ])("is refused by %s with 413 after reading a few KB of it, not 50 MB", async (_, segments) => {
    const form = endlessForm(50 * 1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const response = await postStream(segments, form.stream);
    console.info(
      `${segments.join("/")}: ${form.pulled()} bytes pulled of 50 MB; rss +${Math.round((process.memoryUsage().rss - rssBefore) / 1e6)} MB`,
    );
    expect(form.pulled()).toBeLessThanOrEqual(4 * FORM_LIMIT);
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/larger than 8 KB/);
  });

  it("is refused with 413 at once when Content-Length already says so", async () => {
    const form = endlessForm(64 * 1024);
    const request = new Request(`${TEST_ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(64 * 1024) },
      body: form.stream,
      duplex: "half",
    } as RequestInit);
    const response = await authRoute.POST(request, { params: Promise.resolve({ nextauth: ["signout"] }) });
    expect(response.status).toBe(413);
    expect(form.pulled()).toBeLessThanOrEqual(4 * FORM_LIMIT);
  });
});

describe("a full password hash queue", () => {
  it("makes sign-in answer 503 with Retry-After instead of queueing; the refusals do not count as failed guesses", async () => {
    const user = await createUserWithPassword(PASSWORD);
    // Cheap hashes (N=2^14) keep the queue full: each one that settles is replaced at once, so the running slots and
    // every waiting place stay taken for as long as `filling` is on.
    const salt = randomBytes(16);
    const filler = [
      "scrypt",
      2 ** 14,
      8,
      1,
      salt.toString("base64url"),
      scryptSync("filler", salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString("base64url"),
    ].join("$");
    let filling = true;
    const pending = new Set<Promise<unknown>>();
    const keepOneInQueue = () => {
      if (!filling) return;
      const hash = verifyPassword("filler", filler).catch(() => false);
      pending.add(hash);
      void hash.finally(() => {
        pending.delete(hash);
        keepOneInQueue();
      });
    };
    for (let i = 0; i < MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES; i += 1) keepOneInQueue();

    const refusals = [];
    try {
      // More refusals than the failure allowance (10): were they counted, the right password would then be locked out.
      for (let attempt = 0; attempt < 12; attempt += 1)
        refusals.push(await signIn({ email: user.email, password: PASSWORD, forwardedFor: randomAddress() }));
    } finally {
      filling = false;
      while (pending.size) await Promise.all([...pending]);
    }
    for (const refused of refusals) {
      expect(refused.status).toBe(503);
      expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(refused.sessionCookie).toBeUndefined();
      expect(signInError(refused)).toMatch(/busy/i);
    }
    const afterwards = await signIn({ email: user.email, password: PASSWORD, forwardedFor: randomAddress() });
    expect(afterwards.status).toBe(200);
    expect(afterwards.sessionCookie).toBeDefined();
  });
});
