// "Connect with …" against a fake authorization server on 127.0.0.1: starting a sign-in (PKCE, a signed state, who may),
// and the callback storing the tokens encrypted on a new integration — or nothing, for a replayed callback, a refused
// consent or a provider error. The state's abuses and Reconnect: oauth-connect-state.test.ts.
import { describe, expect, it } from "vitest";
import { isEncryptedPayload } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { MAX_OPEN_STATES_PER_USER } from "@/lib/oauth/oauth-state-store";
import { verifyState } from "@/lib/oauth/state-token";
import { bearer } from "../helpers/call-route";
import { FAKE_OAUTH_CLIENTS } from "../helpers/fake-oauth-server";
import { auditActions, callback, integrationsOf, locationOf, setUpFakeOAuth, startSignIn } from "../helpers/oauth-flow";
import { createTestOrg } from "../helpers/seed";

const env = setUpFakeOAuth();

describe("start", () => {
  it("answers the provider's authorization address with PKCE (S256), the redirect URI and a signed state", async () => {
    const started = await startSignIn(await env.org.cookie("admin"), {
      org_id: env.org.orgId,
      integration_type: "hubspot",
    });
    expect(started.status).toBe(200);
    const url = new URL(started.json.authorize_url);
    expect(`${url.origin}${url.pathname}`).toBe(env.fake.env.HUBSPOT_OAUTH_AUTHORIZE_URL);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: FAKE_OAUTH_CLIENTS.hubspot.id,
      redirect_uri: "https://integrations.example.test/organization-oauth/callback",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(verifyState(url.searchParams.get("state")!)).toMatchObject({
      org: env.org.orgId,
      usr: env.org.userIds.admin,
      typ: "hubspot",
      iid: null,
    });
    expect(started.text).not.toContain(FAKE_OAUTH_CLIENTS.hubspot.secret);
  });

  it("is refused to viewers, to API keys and to members of other organizations", async () => {
    expect(
      (await startSignIn(await env.org.cookie("viewer"), { org_id: env.org.orgId, integration_type: "hubspot" }))
        .status,
    ).toBe(403);
    const other = await createTestOrg();
    expect(
      (await startSignIn(await other.cookie("owner"), { org_id: env.org.orgId, integration_type: "hubspot" })).status,
    ).toBe(403);
    const { POST } = await import("@/app/start-organization-oauth/route");
    const { callRoute } = await import("../helpers/call-route");
    const viaKey = await callRoute(POST, {
      method: "POST",
      path: "/start-organization-oauth",
      body: { org_id: env.org.orgId, integration_type: "hubspot" },
      headers: bearer(env.org.keys.owner),
    });
    expect(viaKey.status).toBe(403);
    expect(
      (await startSignIn(await env.org.cookie("admin"), { org_id: env.org.orgId, integration_type: "odoo_crm" }))
        .status,
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
    const { answer } = await env.signInThrough(await env.org.cookie("admin"), {
      org_id: env.org.orgId,
      integration_type: "hubspot",
      name: "HubSpot via OAuth",
    });
    expect(answer.status).toBe(303);
    const target = locationOf(answer);
    const id = /\/orgs\/[\w-]+\/integrations\/([\w-]+)$/.exec(target.pathname)![1];
    expect(target.pathname).toBe(`/orgs/${env.org.orgId}/integrations/${id}`);
    expect(target.searchParams.get("created")).toBe("1");
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    const tokens = env.fake.issued.hubspot.at(-1)!;
    expect(row).toMatchObject({
      orgId: env.org.orgId,
      integrationType: "hubspot",
      name: "HubSpot via OAuth",
      isActive: true,
      apiBaseUrl: new URL(env.fake.env.HUBSPOT_OAUTH_TOKEN_URL).origin,
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
    const { back, answer } = await env.signInThrough(cookie, {
      org_id: owner.orgId,
      integration_type: "salesforce",
    });
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
    const back = await env.startAndConsent(cookie, { org_id: owner.orgId, integration_type: "hubspot" });
    const answers = await Promise.all([callback(cookie, back), callback(cookie, back), callback(cookie, back)]);
    const errors = answers.map((answer) => locationOf(answer).searchParams.get("oauth_error"));
    expect(errors.filter((error) => error === null)).toHaveLength(1);
    expect(errors.filter((error) => error === "used_state")).toHaveLength(2);
    expect(await integrationsOf(owner.orgId)).toHaveLength(1);
  });

  it("a refused consent (error=access_denied) goes back to the form, stores nothing and uses the state up", async () => {
    const owner = await createTestOrg();
    const cookie = await owner.cookie("owner");
    const { back, answer } = await env.signInThrough(
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
    env.fake.failNextToken("salesforce");
    const { answer } = await env.signInThrough(await owner.cookie("owner"), {
      org_id: owner.orgId,
      integration_type: "salesforce",
    });
    expect(locationOf(answer).searchParams.get("oauth_error")).toBe("provider_error");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });
});
