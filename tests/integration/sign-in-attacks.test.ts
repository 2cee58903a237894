// Password guessing against the real next-auth route, behind one trusted proxy (TRUSTED_PROXY_HOPS=1: the proxy
// appends the address it saw to X-Forwarded-For). After 10 failures on an account in a minute, every further attempt
// on it fails — right password included — whatever the shape of the request and whatever address it claims.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FAILURES_PER_MINUTE, recordAuthFailure } from "@/lib/auth/rate-limit";
import { hashPassword } from "@/lib/auth/password";
import { authOptions } from "@/lib/auth/auth-options";
import { runNextAuth } from "@/lib/auth/next-auth-handler";
import {
  cookieHeader,
  cookiesFrom,
  createUserWithPassword,
  csrf,
  randomAddress,
  SIGN_IN_PATH,
  signIn,
  signInError,
  type SignInAttempt,
} from "../helpers/auth-client";
import { TEST_ORIGIN } from "../helpers/call-route";

// Stubbed before the first serverEnv() read of this file's module graph, and undone so no other file sees it.
vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
afterAll(() => vi.unstubAllEnvs());
// Every wrong guess costs a real scrypt hash (128 MiB, ≈ 0.4 s) on a machine shared with other test runs.
vi.setConfig({ testTimeout: 120_000 });

const PASSWORD = "correct horse battery staple";
/** X-Forwarded-For as the app receives it: whatever the client claimed, then the address our proxy saw. */
const through = (proxySaw: string, claimed = randomAddress()) => `${claimed}, ${proxySaw}`;
const fromAnywhere = () => through(randomAddress());

type Shape = Pick<SignInAttempt, "segments" | "shape">;

/** Ten failures on the account without paying ten hashes, where the failing itself is not what is tested. */
async function lockAccount(email: string) {
  for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++)
    await recordAuthFailure(randomAddress(), email).catch(() => {});
}

async function guessWrong(email: string, times: number, shape: Shape = {}) {
  for (let attempt = 0; attempt < times; attempt++) {
    const result = await signIn({ email, password: `wrong guess ${attempt}`, forwardedFor: fromAnywhere(), ...shape });
    expect(result.sessionCookie).toBeUndefined();
  }
}

function expectRateLimited(result: Awaited<ReturnType<typeof signIn>>) {
  expect(result.sessionCookie).toBeUndefined();
  expect(result.status).toBe(429);
  expect(Number(result.response.headers.get("retry-after"))).toBeGreaterThan(0);
  // What next-auth's client hands the sign-in form, which shows it as is.
  expect(signInError(result)).toMatch(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
  expect(result.body?.error).toBe(signInError(result));
}

async function timeOneHash() {
  const started = performance.now();
  await hashPassword("timing reference");
  return performance.now() - started;
}

let hashMs: number;
beforeAll(async () => {
  hashMs = await timeOneHash();
});

describe("sign-in with email and password", () => {
  it("works with the right password (the baseline the attacks below are measured against)", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const result = await signIn({ email: user.email.toUpperCase(), password: PASSWORD, forwardedFor: fromAnywhere() });
    expect(result.status).toBe(200);
    expect(result.sessionCookie).toBeDefined();
  });

  it("refuses the right password after 10 failures, from any address, whatever X-Forwarded-For claims", async () => {
    const user = await createUserWithPassword(PASSWORD);
    await guessWrong(user.email, FAILURES_PER_MINUTE);
    expectRateLimited(await signIn({ email: user.email, password: PASSWORD, forwardedFor: fromAnywhere() }));
  });
});

describe("shapes of request that used to dodge the limit", () => {
  it("an extra path segment (/api/auth/callback/credentials/x) is refused, never a way around the limit", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const shape = { segments: ["callback", "credentials", "x"] };
    await guessWrong(user.email, FAILURES_PER_MINUTE, shape);
    const result = await signIn({ email: user.email, password: PASSWORD, forwardedFor: fromAnywhere(), ...shape });
    expect(result.sessionCookie).toBeUndefined();
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ error: expect.any(String) });
  });

  it("a JSON body is refused: the sign-in is a form, as next-auth's client sends it", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const shape = { shape: "json" as const };
    await guessWrong(user.email, FAILURES_PER_MINUTE, shape);
    const result = await signIn({ email: user.email, password: PASSWORD, forwardedFor: fromAnywhere(), ...shape });
    expect(result.sessionCookie).toBeUndefined();
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: expect.stringMatching(/as a form/) });
  });

  it("a repeated field (email=decoy&email=victim) is refused, so the limit and the sign-in read the same account", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const repeated = (password: string) => ({
      shape: {
        rawForm: (csrfToken: string) =>
          new URLSearchParams([
            ["email", `decoy-${randomUUID()}@example.test`],
            ["email", user.email],
            ["password", password],
            ["csrfToken", csrfToken],
            ["json", "true"],
          ]).toString(),
      },
    });
    for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++) {
      const result = await signIn({
        email: "",
        password: "",
        forwardedFor: fromAnywhere(),
        ...repeated(`wrong ${attempt}`),
      });
      expect(result.sessionCookie).toBeUndefined();
    }
    const result = await signIn({ email: "", password: "", forwardedFor: fromAnywhere(), ...repeated(PASSWORD) });
    expect(result.sessionCookie).toBeUndefined();
    expect(result.status).toBe(400);
  });

  it("a forged X-Forwarded-For does not give a client a fresh address: one client spraying accounts is limited", async () => {
    const attacker = randomAddress();
    for (let account = 0; account < FAILURES_PER_MINUTE; account++) {
      const result = await signIn({
        email: `spray-${randomUUID()}@example.test`,
        password: "Winter2026!",
        forwardedFor: through(attacker),
      });
      expect(result.status).toBe(401);
    }
    const victim = await createUserWithPassword(PASSWORD);
    expectRateLimited(await signIn({ email: victim.email, password: PASSWORD, forwardedFor: through(attacker) }));
    // The same account from another client is not affected by that client's failures.
    expect(
      (await signIn({ email: victim.email, password: PASSWORD, forwardedFor: fromAnywhere() })).sessionCookie,
    ).toBeDefined();
  });

  it("guesses sent all at once get no more than 10 password checks between them", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const burst = await Promise.all(
      Array.from({ length: 3 * FAILURES_PER_MINUTE }, (_, i) =>
        signIn({ email: user.email, password: `parallel guess ${i}`, forwardedFor: fromAnywhere() }),
      ),
    );
    const checked = burst.filter((result) => signInError(result) === "CredentialsSignin");
    expect(checked.length).toBeLessThanOrEqual(FAILURES_PER_MINUTE);
    for (const result of burst.filter((r) => !checked.includes(r))) expectRateLimited(result);
    expectRateLimited(await signIn({ email: user.email, password: PASSWORD, forwardedFor: fromAnywhere() }));
  });

  it("is enforced inside authorize(): next-auth reached without the route's own checks still refuses", async () => {
    const user = await createUserWithPassword(PASSWORD);
    await lockAccount(user.email);
    const token = await csrf();
    const request = new Request(`${TEST_ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { cookie: cookieHeader(token.cookies), "x-forwarded-for": fromAnywhere() },
    });
    const body = { email: user.email, password: PASSWORD, csrfToken: token.csrfToken, json: "true" };
    const response = await runNextAuth(request, { segments: SIGN_IN_PATH, body, authOptions: authOptions() });
    expect(Object.keys(cookiesFrom(response)).filter((name) => name.includes("session-token"))).toEqual([]);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).searchParams.get("error")).toMatch(/^Too many failed attempts/);
  });

  it("answers refused attempts without hashing the password", async () => {
    const user = await createUserWithPassword(PASSWORD);
    await lockAccount(user.email);
    const started = performance.now();
    for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++) {
      expectRateLimited(await signIn({ email: user.email, password: PASSWORD, forwardedFor: fromAnywhere() }));
    }
    const refusalsMs = performance.now() - started;
    // Ten hashes would take ten times as long as one; ten refusals take a fraction of one (measured now and before,
    // as the machine's load varies).
    expect(refusalsMs).toBeLessThan(2 * Math.max(hashMs, await timeOneHash()));
  });
});
