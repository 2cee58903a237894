// Sessions end when they should: signing out kills every copy of the cookie, bumping users.session_version ends all
// of a person's sessions, only the cookie next-auth is configured to set is read, and old password hashes are
// upgraded at the next successful sign-in.
import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as meRoute from "@/app/me/route";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { createUserWithPassword, randomAddress, signedIn, signIn, signOut } from "../helpers/auth-client";
import { callRoute } from "../helpers/call-route";
import { sessionCookieFor } from "../helpers/seed";

// Real sign-ins hash with scrypt (128 MiB, ≈ 0.4 s each) on a machine shared with other test runs.
vi.setConfig({ testTimeout: 120_000 });

const PASSWORD = "a long sign-in password";
const me = (cookie: string) => callRoute(meRoute.GET, { path: "/me", headers: { cookie } });

describe("sign-out", () => {
  it("invalidates the session everywhere: a copy of the cookie taken before is refused afterwards", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const cookie = await signedIn(user);
    const otherDevice = await signedIn(user);
    expect((await me(cookie)).status).toBe(200);

    const signedOut = await signOut(cookie);
    expect(signedOut.status).toBe(200);
    expect((await me(cookie)).status).toBe(401);
    expect((await me(otherDevice)).status).toBe(401);
    // Signing in again gives a working session.
    expect((await me(await signedIn(user))).status).toBe(200);
  });

  it("with an already revoked cookie changes nothing for the sessions that are still valid", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const stale = await signedIn(user);
    await signOut(stale);
    const current = await signedIn(user);
    await signOut(stale); // e.g. a stolen copy, replayed
    expect((await me(current)).status).toBe(200);
  });
});

describe("session_version", () => {
  it("ends every existing session when incremented; tokens issued before it existed count as version 0", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const withoutVersion = await sessionCookieFor(user.id);
    const real = await signedIn(user);
    expect((await me(withoutVersion)).status).toBe(200);
    expect((await me(real)).status).toBe(200);

    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await me(withoutVersion)).status).toBe(401);
    expect((await me(real)).status).toBe(401);
    expect((await me(await signedIn(user))).status).toBe(200);
  });

  it("is checked for the pages too (the signed-in user of server components)", async () => {
    const { loadSignedInUser } = await import("@/lib/auth/current-user");
    const user = await createUserWithPassword(PASSWORD);
    expect(await loadSignedInUser({ userId: user.id, sessionVersion: undefined })).toMatchObject({
      userId: user.id,
      email: user.email,
    });
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSignedInUser({ userId: user.id, sessionVersion: 0 })).toBeNull();
    expect(await loadSignedInUser({ userId: user.id, sessionVersion: 1 })).toMatchObject({ userId: user.id });
  });
});

describe("session cookie", () => {
  it("is the __Secure- one, Secure and HttpOnly, when NEXTAUTH_URL is https; the other name is not read", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const result = await signIn({ email: user.email, password: PASSWORD, forwardedFor: randomAddress() });
    const setCookie = result.response.headers.getSetCookie().find((line) => line.includes("session-token="))!;
    expect(setCookie).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect((await me(result.sessionCookie!)).status).toBe(200);
    const token = result.sessionCookie!.split("=").slice(1).join("=");
    expect((await me(`next-auth.session-token=${token}`)).status).toBe(401);
  });
});

describe("password hashes", () => {
  it("made with a lower scrypt cost are rehashed at the current cost on the next successful sign-in", async () => {
    const salt = randomBytes(16);
    const oldHash = [
      "scrypt",
      2 ** 14,
      8,
      1,
      salt.toString("base64url"),
      scryptSync(PASSWORD, salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString("base64url"),
    ].join("$");
    const user = await createUserWithPassword(PASSWORD, { passwordHash: oldHash });

    const wrong = await signIn({ email: user.email, password: "not the password", forwardedFor: randomAddress() });
    expect(wrong.sessionCookie).toBeUndefined();
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(oldHash);

    await signedIn(user);
    const stored = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect((await me(await signedIn(user))).status).toBe(200);
  });
});
