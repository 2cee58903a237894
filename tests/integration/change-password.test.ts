// changePassword: checks the current password, stores the new one, and ends every existing session of that person.
import { describe, expect, it, vi } from "vitest";
import * as meRoute from "@/app/me/route";
import { changePassword } from "@/lib/auth/change-password";
import { FAILURES_PER_MINUTE } from "@/lib/auth/rate-limit";
import { db } from "@/lib/db/prisma";
import { createUserWithPassword, randomAddress, signIn } from "../helpers/auth-client";
import { callRoute } from "../helpers/call-route";

// Real sign-ins hash with scrypt (128 MiB, ≈ 0.4 s each) on a machine shared with other test runs.
vi.setConfig({ testTimeout: 120_000 });

const OLD = "the old long password";
const NEW = "the brand new long password";
const me = (cookie: string) => callRoute(meRoute.GET, { path: "/me", headers: { cookie } });
const signInAs = (email: string, password: string) => signIn({ email, password, forwardedFor: randomAddress() });

describe("changePassword", () => {
  it("replaces the password and signs the person out everywhere", async () => {
    const user = await createUserWithPassword(OLD);
    const laptop = (await signInAs(user.email, OLD)).sessionCookie!;
    const phone = (await signInAs(user.email, OLD)).sessionCookie!;
    expect((await me(laptop)).status).toBe(200);

    await changePassword({ userId: user.id, currentPassword: OLD, newPassword: NEW });

    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
    expect((await signInAs(user.email, OLD)).sessionCookie).toBeUndefined();
    const fresh = await signInAs(user.email, NEW);
    expect(fresh.sessionCookie).toBeDefined();
    expect((await me(fresh.sessionCookie!)).status).toBe(200);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await createUserWithPassword(OLD);
    const session = (await signInAs(user.email, OLD)).sessionCookie!;
    const before = await db().user.findUniqueOrThrow({ where: { id: user.id } });

    await expect(
      changePassword({ userId: user.id, currentPassword: "not it at all", newPassword: NEW }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: "The current password is not correct",
    });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.passwordHash, after.sessionVersion]).toEqual([before.passwordHash, before.sessionVersion]);
    expect((await me(session)).status).toBe(200);
  });

  it("refuses a short new password", async () => {
    const user = await createUserWithPassword(OLD);
    await expect(changePassword({ userId: user.id, currentPassword: OLD, newPassword: "short" })).rejects.toMatchObject(
      {
        code: "bad_request",
        message: expect.stringMatching(/at least 10 characters/),
      },
    );
  });

  it("counts wrong current passwords against the account's sign-in limit, so it is no side door for guessing", async () => {
    const user = await createUserWithPassword(OLD);
    for (let attempt = 0; attempt < FAILURES_PER_MINUTE; attempt++) {
      await expect(
        changePassword({ userId: user.id, currentPassword: `guess ${attempt}`, newPassword: NEW }),
      ).rejects.toMatchObject({ code: "bad_request" });
    }
    await expect(changePassword({ userId: user.id, currentPassword: OLD, newPassword: NEW })).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect((await signInAs(user.email, OLD)).status).toBe(429);
  });
});
