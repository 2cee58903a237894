// A revoked session cookie (review L5): after sign-out or a bump of users.session_version, next-auth's own
// GET /api/auth/session must answer an empty session for the old cookie and must not renew it — the UI and
// getServerSession() read that endpoint, and a renewed cookie would live on for another 8 hours.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/prisma";
import {
  callAuthRoute,
  cookiesFrom,
  createUserWithPassword,
  SESSION_COOKIE_PATTERN,
  signedIn,
  signOut,
} from "../helpers/auth-client";
import { sessionCookieFor } from "../helpers/seed";

// Real sign-ins hash with scrypt (128 MiB, ≈ 0.4 s each) on a machine shared with other test runs.
vi.setConfig({ testTimeout: 120_000 });

const PASSWORD = "a long sign-in password";

async function readSession(cookie: string) {
  const response = await callAuthRoute({ segments: ["session"], headers: { cookie } });
  const sessionCookies = Object.entries(cookiesFrom(response)).filter(([name]) => SESSION_COOKIE_PATTERN.test(name));
  return {
    status: response.status,
    body: (await response.json()) as { user?: { id?: string } },
    renewed: sessionCookies.filter(([, value]) => value !== ""),
    cleared: sessionCookies.filter(([, value]) => value === ""),
  };
}

describe("GET /api/auth/session with a revoked cookie", () => {
  it("answers no session after sign-out, for the cookie signed out and for a copy on another device", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const cookie = await signedIn(user);
    const otherDevice = await signedIn(user);
    const live = await readSession(cookie);
    expect(live.body.user?.id).toBe(user.id);
    expect(live.renewed).toHaveLength(1);

    expect((await signOut(cookie)).status).toBe(200);
    for (const revoked of [cookie, otherDevice]) {
      const session = await readSession(revoked);
      expect(session.status).toBe(200);
      expect(session.body).toEqual({});
      expect(session.renewed).toEqual([]);
      expect(session.cleared).toHaveLength(1);
    }
  });

  it("answers no session once session_version moved on (password change, removal), old unversioned tokens included", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const cookies = [await signedIn(user), await sessionCookieFor(user.id)];
    for (const cookie of cookies) expect((await readSession(cookie)).body.user?.id).toBe(user.id);
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    for (const cookie of cookies) {
      const session = await readSession(cookie);
      expect(session.body).toEqual({});
      expect(session.renewed).toEqual([]);
    }
    expect((await readSession(await signedIn(user))).body.user?.id).toBe(user.id);
  });

  it("answers no session for a person who no longer exists", async () => {
    const user = await createUserWithPassword(PASSWORD);
    const cookie = await sessionCookieFor(user.id);
    await db().user.delete({ where: { id: user.id } });
    expect((await readSession(cookie)).body).toEqual({});
  });
});
