// First-run setup against a database of its own, empty as on a fresh install (the suite's shared database already
// has users): the first owner is created once — also when setups race — and never again after any user exists.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import * as setupRoute from "@/app/first-run-setup/route";
import * as meRoute from "@/app/me/route";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/tooling/embedded";
import { db } from "@/lib/db/prisma";
import { applyMigrations } from "@/lib/db/tooling/schema-engine";
import { isSetupPending } from "@/lib/orgs/first-run-setup";
import { randomAddress, signIn } from "../helpers/auth-client";
import { callRoute } from "../helpers/call-route";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let embedded: EmbeddedDatabase | null = null;
let dropPostgres: (() => Promise<void>) | null = null;

/** An empty, migrated database for this file only; db() is created on first use, after DATABASE_URL points here. */
beforeAll(async () => {
  if (inject("databaseKind") === "pglite") {
    embedded = await openEmbeddedDatabase("memory://");
    process.env.DATABASE_URL = embedded.url;
  } else {
    const name = `oi_setup_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(inject("databaseUrl"));
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropPostgres = async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  }
  await applyMigrations(process.env.DATABASE_URL!);
});

afterAll(async () => {
  await db().$disconnect();
  await embedded?.close();
  await dropPostgres?.();
});

const setup = (body: Record<string, unknown>) =>
  callRoute(setupRoute.POST, {
    method: "POST",
    path: "/first-run-setup",
    body,
    headers: { "x-forwarded-for": randomAddress() },
  });
const PASSWORD = "first owner's password";
const request = (email: string, organization_name = "Acme") => ({
  organization_name,
  email,
  password: PASSWORD,
  name: "First Owner",
});

describe("POST /first-run-setup", () => {
  it("validates, then two simultaneous setups create one owner; afterwards it answers 409 for good", async () => {
    expect(await db().user.count()).toBe(0);
    expect(await isSetupPending()).toBe(true);
    expect((await setup({ ...request("a@acme.test"), password: "short" })).status).toBe(400);
    expect((await setup({ organization_name: "", email: "a@acme.test", password: PASSWORD })).status).toBe(400);
    expect((await setup({ ...request("not-an-email") })).status).toBe(400);
    expect(await db().user.count()).toBe(0);

    const results = await Promise.all([
      setup(request("first@acme.test", "Acme")),
      setup(request("second@acme.test", "Rival")),
      setup(request("third@acme.test", "Other")),
    ]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    expect(await db().user.count()).toBe(1);
    expect(await db().organization.count()).toBe(1);
    const winner = results.find((result) => result.status === 201)!;
    expect(Object.keys(winner.json).sort()).toEqual(["email", "message", "org_id", "user_id"]);
    const membership = await db().membership.findFirstOrThrow({ include: { user: true } });
    expect(membership).toMatchObject({ role: "owner", orgId: winner.json.org_id, userId: winner.json.user_id });
    expect(results.find((result) => result.status === 409)!.json.error).toMatch(/already set up/);

    // The owner signs in with what they chose.
    const session = await signIn({ email: winner.json.email, password: PASSWORD, forwardedFor: randomAddress() });
    const me = await callRoute(meRoute.GET, { path: "/me", headers: { cookie: session.sessionCookie! } });
    expect(me.json.organizations).toEqual([expect.objectContaining({ id: winner.json.org_id, role: "owner" })]);
    const audit = await db().auditEntry.findMany({ where: { orgId: winner.json.org_id } });
    expect(audit.map((entry) => entry.action)).toEqual(["organization.set_up"]);
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);

    // Replayed after setup: refused, nothing created, whatever the body.
    expect(await isSetupPending()).toBe(false);
    const replay = await setup(request("attacker@evil.test", "Takeover"));
    expect(replay.status).toBe(409);
    expect(await db().user.count()).toBe(1);
    expect(await db().membership.count({ where: { role: "owner" } })).toBe(1);
  });
});
