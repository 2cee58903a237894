// "Connect with …" and "Reconnect" against a fake authorization server on 127.0.0.1: tokens stored encrypted on a new
// integration (or the same one on Reconnect), and every way a sign-in answer can be abused — forged, altered,
// replayed, expired, someone else's, another organization's, refused consent, a provider error — stores nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isEncryptedPayload } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { MAX_OPEN_STATES_PER_USER } from "@/lib/oauth/oauth-state-store";
import { signState, verifyState } from "@/lib/oauth/state-token";
import { bearer } from "../helpers/call-route";
import { FAKE_OAUTH_CLIENTS, startFakeOAuthServer, type FakeOAuthServer } from "../helpers/fake-oauth-server";
import { callback, consentAt, locationOf, signInThrough, startSignIn } from "../helpers/oauth-flow";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let fake: FakeOAuthServer;
let org: TestOrg;
beforeAll(async () => {
  fake = await startFakeOAuthServer();
  // Before anything reads the settings (they are read once, lazily).
  Object.assign(process.env, fake.env);
  org = await createTestOrg();
});
afterAll(() => fake.close());

const integrationsOf = (orgId: string) =>
  db().integration.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });
const auditActions = async (targetId: string) =>
  (await db().auditEntry.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action);

describe("start", () => {
  it("answers the provider's authorization address with PKCE (S256), the redirect URI and a signed state", async () => {
    const started = await startSignIn(await org.cookie("admin"), { org_id: org.orgId, integration_type: "hubspot" });
    expect(started.status).toBe(200);
    const url = new URL(started.json.authorize_url);
    expect(`${url.origin}${url.pathname}`).toBe(fake.env.HUBSPOT_OAUTH_AUTHORIZE_URL);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: FAKE_OAUTH_CLIENTS.hubspot.id,
      redirect_uri: "https://integrations.example.test/organization-oauth/callback",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(verifyState(url.searchParams.get("state")!)).toMatchObject({
      org: org.orgId,
      usr: org.userIds.admin,
      typ: "hubspot",
      iid: null,
    });
    expect(started.text).not.toContain(FAKE_OAUTH_CLIENTS.hubspot.secret);
  });

  it("is refused to viewers, to API keys and to members of other organizations", async () => {
    expect(
      (await startSignIn(await org.cookie("viewer"), { org_id: org.orgId, integration_type: "hubspot" })).status,
    ).toBe(403);
    const other = await createTestOrg();
    expect(
      (await startSignIn(await other.cookie("owner"), { org_id: org.orgId, integration_type: "hubspot" })).status,
    ).toBe(403);
    const { POST } = await import("@/app/start-organization-oauth/route");
    const { callRoute } = await import("../helpers/call-route");
    const viaKey = await callRoute(POST, {
      method: "POST",
      path: "/start-organization-oauth",
      body: { org_id: org.orgId, integration_type: "hubspot" },
      headers: bearer(org.keys.owner),
    });
    expect(viaKey.status).toBe(403);
    expect(
      (await startSignIn(await org.cookie("admin"), { org_id: org.orgId, integration_type: "odoo_crm" })).status,
    ).toBe(400);
  });

  it("bounds the sign-ins one person may have open at once (each is a row)", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const body = { org_id: owner.orgId, integration_type: "hubspot" };
    for (let i = 0; i < MAX_OPEN_STATES_PER_USER; i += 1) expect((await startSignIn(cookie, body)).status).toBe(200);
    const refused = await startSignIn(cookie, body);
    expect(refused.status).toBe(429);
    expect(refused.json.error).toMatch(/Too many sign-ins/);
    // Another person is not affected.
    expect((await startSignIn(await owner.cookie("admin"), body)).status).toBe(200);
  });
});

describe("Connect", () => {
  it("HubSpot: the callback creates an active integration with the tokens encrypted at rest, through the create service", async () => {
    const { answer } = await signInThrough(fake, await org.cookie("admin"), {
      org_id: org.orgId,
      integration_type: "hubspot",
      name: "HubSpot via OAuth",
    });
    expect(answer.status).toBe(303);
    const target = locationOf(answer);
    const id = /\/orgs\/[\w-]+\/integrations\/([\w-]+)$/.exec(target.pathname)![1];
    expect(target.pathname).toBe(`/orgs/${org.orgId}/integrations/${id}`);
    expect(target.searchParams.get("created")).toBe("1");
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    const tokens = fake.issued.hubspot.at(-1)!;
    expect(row).toMatchObject({
      orgId: org.orgId,
      integrationType: "hubspot",
      name: "HubSpot via OAuth",
      isActive: true,
      apiBaseUrl: new URL(fake.env.HUBSPOT_OAUTH_TOKEN_URL).origin,
    });
    for (const field of ["accessToken", "refreshToken", "apiSecret", "apiKey"] as const) {
      expect(isEncryptedPayload(row[field]!)).toBe(true);
    }
    expect(row.accessToken).not.toContain(tokens.accessToken);
    expect(openSecret(row, "accessToken")).toBe(tokens.accessToken);
    expect(openSecret(row, "refreshToken")).toBe(tokens.refreshToken);
    expect(openSecret(row, "apiKey")).toBe(FAKE_OAUTH_CLIENTS.hubspot.id);
    expect(openSecret(row, "apiSecret")).toBe(FAKE_OAUTH_CLIENTS.hubspot.secret);
    // expires_in 1800 s from the answer.
    expect(row.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 1700_000);
    expect(row.tokenExpiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1800_000);
    expect(await auditActions(id)).toEqual(["integration.created"]);
    expect(answer.headers.get("location")).not.toContain(tokens.accessToken);
  });

  it("a replayed callback (same state and code) is refused as used, and stores nothing more", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const { back, answer } = await signInThrough(fake, cookie, { org_id: owner.orgId, integration_type: "salesforce" });
    expect(locationOf(answer).searchParams.get("created")).toBe("1");
    const replay = await callback(cookie, back);
    expect(replay.status).toBe(303);
    expect(locationOf(replay).pathname).toBe(`/orgs/${owner.orgId}/integrations/new`);
    expect(locationOf(replay).searchParams.get("oauth_error")).toBe("used_state");
    expect(await integrationsOf(owner.orgId)).toHaveLength(1);
  });

  it("two callbacks with one state at the same instant: exactly one connects", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const started = await startSignIn(cookie, { org_id: owner.orgId, integration_type: "hubspot" });
    const back = await consentAt(fake, started.json.authorize_url, "allow");
    const answers = await Promise.all([callback(cookie, back), callback(cookie, back), callback(cookie, back)]);
    const errors = answers.map((answer) => locationOf(answer).searchParams.get("oauth_error"));
    expect(errors.filter((error) => error === null)).toHaveLength(1);
    expect(errors.filter((error) => error === "used_state")).toHaveLength(2);
    expect(await integrationsOf(owner.orgId)).toHaveLength(1);
  });

  it("a refused consent (error=access_denied) goes back to the form, stores nothing and uses the state up", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const { back, answer } = await signInThrough(
      fake,
      cookie,
      { org_id: owner.orgId, integration_type: "hubspot" },
      "deny",
    );
    expect(back.searchParams.get("error")).toBe("access_denied");
    const target = locationOf(answer);
    expect(`${target.pathname}${target.search}`).toBe(
      `/orgs/${owner.orgId}/integrations/new?type=hubspot&oauth_error=access_denied`,
    );
    // The same state with a code made up afterwards is not accepted.
    back.searchParams.delete("error");
    back.searchParams.set("code", "made-up-code");
    expect(locationOf(await callback(cookie, back)).searchParams.get("oauth_error")).toBe("used_state");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });

  it("a provider error at the token exchange goes back to the form with provider_error and stores nothing", async () => {
    const owner = await createTestOrg();
    fake.failNextToken("salesforce");
    const { answer } = await signInThrough(fake, await owner.cookie("owner"), {
      org_id: owner.orgId,
      integration_type: "salesforce",
    });
    expect(locationOf(answer).searchParams.get("oauth_error")).toBe("provider_error");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });
});

describe("the state", () => {
  it("altered (another org in the claims), made up or truncated: invalid_state, back to the start page, nothing stored", async () => {
    const victim = await createTestOrg();
    const attacker = await createTestOrg();
    const cookie = await attacker.cookie("owner");
    const started = await startSignIn(cookie, { org_id: attacker.orgId, integration_type: "hubspot" });
    const back = await consentAt(fake, started.json.authorize_url, "allow");
    const [body, mac] = back.searchParams.get("state")!.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const altered = `${Buffer.from(JSON.stringify({ ...claims, org: victim.orgId })).toString("base64url")}.${mac}`;
    for (const state of [altered, `${body}.${"A".repeat(43)}`, body, "nonsense"]) {
      back.searchParams.set("state", state);
      const answer = await callback(cookie, back);
      expect(`${locationOf(answer).pathname}${locationOf(answer).search}`).toBe("/?oauth_error=invalid_state");
    }
    expect(await integrationsOf(victim.orgId)).toHaveLength(0);
    expect(await integrationsOf(attacker.orgId)).toHaveLength(0);
  });

  it("expired (claims past 10 minutes, or the row past its expiry): expired_state, nothing stored", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const started = await startSignIn(cookie, { org_id: owner.orgId, integration_type: "hubspot" });
    const back = await consentAt(fake, started.json.authorize_url, "allow");
    const claims = verifyState(back.searchParams.get("state")!);
    const late = new URL(back);
    late.searchParams.set("state", signState({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }));
    expect(locationOf(await callback(cookie, late)).searchParams.get("oauth_error")).toBe("expired_state");
    await db().oAuthState.update({ where: { id: claims.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(locationOf(await callback(cookie, back)).searchParams.get("oauth_error")).toBe("expired_state");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });

  it("someone else's (another person's sign-in, e.g. a link planted by an attacker): wrong_user, not used up for its owner", async () => {
    const owner = await createTestOrg();
    const started = await startSignIn(await owner.cookie("owner"), {
      org_id: owner.orgId,
      integration_type: "hubspot",
    });
    const back = await consentAt(fake, started.json.authorize_url, "allow");
    // Another admin of the same org, and a member of another org, open the owner's callback URL.
    const stranger = await createTestOrg();
    for (const cookie of [await owner.cookie("admin"), await stranger.cookie("owner")]) {
      const answer = await callback(cookie, back);
      expect(`${locationOf(answer).pathname}${locationOf(answer).search}`).toBe("/?oauth_error=wrong_user");
    }
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
    expect(locationOf(await callback(await owner.cookie("owner"), back)).searchParams.get("created")).toBe("1");
  });

  it("of a person who lost the right to manage integrations meanwhile: forbidden, nothing stored", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("admin");
    const started = await startSignIn(cookie, { org_id: owner.orgId, integration_type: "hubspot" });
    const back = await consentAt(fake, started.json.authorize_url, "allow");
    await db().membership.update({
      where: { userId_orgId: { userId: owner.userIds.admin, orgId: owner.orgId } },
      data: { role: "viewer" },
    });
    expect(locationOf(await callback(cookie, back)).searchParams.get("oauth_error")).toBe("forbidden");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });

  it("without a session the callback sends the person to sign in and keeps the state unused", async () => {
    const owner = await createTestOrg();
    const started = await startSignIn(await owner.cookie("owner"), {
      org_id: owner.orgId,
      integration_type: "hubspot",
    });
    const back = await consentAt(fake, started.json.authorize_url, "allow");
    const anonymous = await callback("", back);
    expect(anonymous.headers.get("location")).toBe("/signin");
    expect(
      await db().oAuthState.count({
        where: { id: verifyState(back.searchParams.get("state")!).sid, consumedAt: null },
      }),
    ).toBe(1);
  });
});

describe("Reconnect", () => {
  it("Salesforce: same integration id and history, new tokens, the old error and needs_reauth cleared", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const first = await signInThrough(fake, cookie, { org_id: owner.orgId, integration_type: "salesforce" });
    const id = locationOf(first.answer).pathname.split("/").at(-1)!;
    const oldTokens = fake.issued.salesforce.at(-1)!;
    await db().integration.update({
      where: { id },
      data: {
        needsReauth: true,
        lastCheckOk: false,
        lastCheckError: "Salesforce: expired access/refresh token (invalid_grant)",
      },
    });

    const again = await signInThrough(fake, cookie, {
      org_id: owner.orgId,
      integration_type: "salesforce",
      integration_id: id,
    });
    const target = locationOf(again.answer);
    expect(`${target.pathname}${target.search}`).toBe(`/orgs/${owner.orgId}/integrations/${id}?reconnected=1`);
    const rows = await integrationsOf(owner.orgId);
    expect(rows.map((row) => row.id)).toEqual([id]);
    const row = rows[0];
    const newTokens = fake.issued.salesforce.at(-1)!;
    expect(newTokens.accessToken).not.toBe(oldTokens.accessToken);
    expect(openSecret(row, "accessToken")).toBe(newTokens.accessToken);
    expect(openSecret(row, "refreshToken")).toBe(newTokens.refreshToken);
    expect(isEncryptedPayload(row.refreshToken!)).toBe(true);
    expect(row).toMatchObject({
      needsReauth: false,
      lastCheckError: null,
      config: { instance_url: `${fake.origin}/sf-instance` },
    });
    expect(await auditActions(id)).toEqual(["integration.created", "integration.reconnected"]);
  });

  it("cannot target an integration of another organization or type", async () => {
    const owner = await createTestOrg();
    const other = await createTestOrg();
    const cookie = await other.cookie("owner");
    const mine = await signInThrough(fake, cookie, { org_id: other.orgId, integration_type: "hubspot" });
    const foreignId = locationOf(mine.answer).pathname.split("/").at(-1)!;
    expect(
      (
        await startSignIn(await owner.cookie("owner"), {
          org_id: owner.orgId,
          integration_type: "hubspot",
          integration_id: foreignId,
        })
      ).status,
    ).toBe(404);
    expect(
      (await startSignIn(cookie, { org_id: other.orgId, integration_type: "salesforce", integration_id: foreignId }))
        .status,
    ).toBe(400);
    expect(
      (await startSignIn(cookie, { org_id: other.orgId, integration_type: "hubspot", integration_id: randomUUID() }))
        .status,
    ).toBe(404);
  });
});
