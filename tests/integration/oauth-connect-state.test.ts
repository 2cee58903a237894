// The state of a "Connect" sign-in, abused every way — altered, made up, expired, someone else's, of a person who lost
// the right meanwhile, without a session — stores nothing; and Reconnect, which renews the tokens of the same
// integration (the same org and type only). Against a fake authorization server on 127.0.0.1.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isEncryptedPayload } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { signState, verifyState } from "@/lib/oauth/state-token";
import { auditActions, callback, integrationsOf, locationOf, setUpFakeOAuth, startSignIn } from "../helpers/oauth-flow";
import { createTestOrg } from "../helpers/seed";

const env = setUpFakeOAuth();

/** A fresh org whose member (`role`) started a HubSpot sign-in and allowed it: the callback URL, not opened yet. */
async function consentedSignIn(role: "owner" | "admin" = "owner") {
  const owner = await createTestOrg();
  const cookie = await owner.cookie(role);
  const back = await env.startAndConsent(cookie, { org_id: owner.orgId, integration_type: "hubspot" });
  return { owner, cookie, back };
}

describe("the state", () => {
  it("altered (another org in the claims), made up or truncated: invalid_state, back to the start page, nothing stored", async () => {
    const victim = await createTestOrg();
    const attacker = await createTestOrg();
    const cookie = await attacker.cookie("owner");
    const back = await env.startAndConsent(cookie, { org_id: attacker.orgId, integration_type: "hubspot" });
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
    const { owner, cookie, back } = await consentedSignIn();
    const claims = verifyState(back.searchParams.get("state")!);
    const late = new URL(back);
    late.searchParams.set("state", signState({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }));
    expect(locationOf(await callback(cookie, late)).searchParams.get("oauth_error")).toBe("expired_state");
    await db().oAuthState.update({ where: { id: claims.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(locationOf(await callback(cookie, back)).searchParams.get("oauth_error")).toBe("expired_state");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });

  it("someone else's (another person's sign-in, e.g. a link planted by an attacker): wrong_user, not used up for its owner", async () => {
    const { owner, back } = await consentedSignIn();
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
    const { owner, cookie, back } = await consentedSignIn("admin");
    await db().membership.update({
      where: { userId_orgId: { userId: owner.userIds.admin, orgId: owner.orgId } },
      data: { role: "viewer" },
    });
    expect(locationOf(await callback(cookie, back)).searchParams.get("oauth_error")).toBe("forbidden");
    expect(await integrationsOf(owner.orgId)).toHaveLength(0);
  });

  it("without a session the callback sends the person to sign in and keeps the state unused", async () => {
    const { back } = await consentedSignIn();
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
    const first = await env.signInThrough(cookie, { org_id: owner.orgId, integration_type: "salesforce" });
    const id = locationOf(first.answer).pathname.split("/").at(-1)!;
    const oldTokens = env.fake.issued.salesforce.at(-1)!;
    await db().integration.update({
      where: { id },
      data: {
        needsReauth: true,
        lastCheckOk: false,
        lastCheckError: "Salesforce: expired access/refresh token (invalid_grant)",
      },
    });

    const again = await env.signInThrough(cookie, {
      org_id: owner.orgId,
      integration_type: "salesforce",
      integration_id: id,
    });
    const target = locationOf(again.answer);
    expect(`${target.pathname}${target.search}`).toBe(`/orgs/${owner.orgId}/integrations/${id}?reconnected=1`);
    const rows = await integrationsOf(owner.orgId);
    expect(rows.map((row) => row.id)).toEqual([id]);
    const row = rows[0];
    const newTokens = env.fake.issued.salesforce.at(-1)!;
    expect(newTokens.accessToken).not.toBe(oldTokens.accessToken);
    expect(openSecret(row, "accessToken")).toBe(newTokens.accessToken);
    expect(openSecret(row, "refreshToken")).toBe(newTokens.refreshToken);
    expect(isEncryptedPayload(row.refreshToken!)).toBe(true);
    expect(row).toMatchObject({
      needsReauth: false,
      lastCheckError: null,
      config: { instance_url: `${env.fake.origin}/sf-instance` },
    });
    expect(await auditActions(id)).toEqual(["integration.created", "integration.reconnected"]);
  });

  it("cannot target an integration of another organization or type", async () => {
    const owner = await createTestOrg();
    const other = await createTestOrg();
    const cookie = await other.cookie("owner");
    const mine = await env.signInThrough(cookie, { org_id: other.orgId, integration_type: "hubspot" });
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
