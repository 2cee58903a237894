// "Connect with Facebook": Login with the Page permissions, then the Page picker, then the Page's long-lived token
// and page_id stored and the Page subscribed — and Reconnect renewing the token of the same Page only.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { isEncryptedPayload } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { FAKE_OAUTH_CLIENTS, type FakePage } from "../helpers/fake-oauth-server";
import { listPages, locationOf, pickPage, setUpFakeOAuth, startSignIn } from "../helpers/oauth-flow";
import { createTestOrg } from "../helpers/seed";

const env = setUpFakeOAuth();
const digits = (length: number) => Array.from(randomBytes(length), (byte) => String(byte % 10)).join("");
const newPage = (name: string): FakePage => ({
  id: `1${digits(14)}`,
  name,
  token: `EAAP${randomBytes(20).toString("hex")}`,
});
const shop = newPage("Acme Shop");
const blog = newPage("Acme Blog");
beforeAll(() => {
  env.fake.pages.push(shop, blog);
});

/** Login (Allow) → the callback → the picker's `pick`. */
async function toPicker(cookie: string, body: Record<string, unknown>) {
  const { answer } = await env.signInThrough(cookie, body);
  const target = locationOf(answer);
  expect(target.pathname).toBe(`/orgs/${body.org_id}/integrations/new/facebook-page`);
  return target.searchParams.get("pick")!;
}

describe("Connect with Facebook", () => {
  it("asks for the Page permissions, lists the Pages without their tokens, stores the chosen Page's token encrypted and subscribes it", async () => {
    const cookie = await env.org.cookie("admin");
    const started = await startSignIn(cookie, { org_id: env.org.orgId, integration_type: "facebook" });
    expect(new URL(started.json.authorize_url).searchParams.get("scope")).toBe(
      "pages_messaging,pages_manage_metadata,pages_show_list,pages_read_engagement",
    );
    const pick = await toPicker(cookie, { org_id: env.org.orgId, integration_type: "facebook" });
    expect(pick).not.toContain("EAA");

    const listed = await listPages(cookie, env.org.orgId, pick);
    expect(listed.status).toBe(200);
    expect(listed.json.pages).toEqual([
      { id: shop.id, name: shop.name },
      { id: blog.id, name: blog.name },
    ]);
    expect(listed.text).not.toContain(shop.token);
    // The long-lived user token came from the exchange and stays sealed in the state row.
    const exchange = env.fake.requests.filter((request) => request.path.endsWith("/oauth/access_token")).at(-1)!;
    expect(new URLSearchParams(exchange.body).get("grant_type")).toBe("fb_exchange_token");
    expect(exchange.query.size).toBe(0); // the App Secret went in the body, not the address

    const picked = await pickPage(cookie, { org_id: env.org.orgId, pick, page_id: shop.id });
    expect(picked.status).toBe(200);
    expect(picked.text).not.toContain(shop.token);
    const row = await db().integration.findUniqueOrThrow({ where: { id: picked.json.integration_id } });
    expect(picked.json.path).toBe(`/orgs/${env.org.orgId}/integrations/${row.id}?created=1`);
    expect(row).toMatchObject({
      integrationType: "facebook",
      name: "Acme Shop",
      isActive: true,
      config: { page_id: shop.id, page_name: "Acme Shop" },
      apiBaseUrl: env.fake.env.FACEBOOK_OAUTH_GRAPH_URL,
    });
    expect(isEncryptedPayload(row.accessToken!)).toBe(true);
    expect(openSecret(row, "accessToken")).toBe(shop.token);
    expect(openSecret(row, "apiKey")).toBe(FAKE_OAUTH_CLIENTS.facebook.id);
    expect(openSecret(row, "apiSecret")).toBe(FAKE_OAUTH_CLIENTS.facebook.secret);
    expect(row.tokenExpiresAt).toBeNull();
    // The create service queued the Page subscription (lib/messenger/): pending until the job ran.
    expect(["pending", "subscribed"]).toContain(row.subscriptionStatus);

    // The picker's state is single-use.
    const again = await pickPage(cookie, { org_id: env.org.orgId, pick, page_id: blog.id });
    expect(again.status).toBe(409);
    expect(await db().integration.count({ where: { orgId: env.org.orgId, integrationType: "facebook" } })).toBe(1);
  });

  it("the picker refuses another person's pick, another organization's, and a Page the sign-in does not manage", async () => {
    const cookie = await env.org.cookie("owner");
    const pick = await toPicker(cookie, { org_id: env.org.orgId, integration_type: "facebook" });
    const other = await createTestOrg();
    // Same person, the pick presented for another organization they also manage.
    await db().membership.create({ data: { userId: env.org.userIds.owner, orgId: other.orgId, role: "owner" } });
    expect((await listPages(cookie, other.orgId, pick)).status).toBe(403);
    expect((await pickPage(cookie, { org_id: other.orgId, pick, page_id: shop.id })).status).toBe(403);
    expect(
      (await pickPage(await env.org.cookie("admin"), { org_id: env.org.orgId, pick, page_id: shop.id })).status,
    ).toBe(403);
    expect((await pickPage(cookie, { org_id: env.org.orgId, pick, page_id: "999999999999" })).status).toBe(400);
    expect(
      (await pickPage(cookie, { org_id: env.org.orgId, pick: `${pick.slice(0, -2)}AA`, page_id: shop.id })).status,
    ).toBe(400);
    expect(await db().integration.count({ where: { orgId: other.orgId } })).toBe(0);
    // Still usable by its owner, in its organization.
    expect((await pickPage(cookie, { org_id: env.org.orgId, pick, page_id: blog.id })).status).toBe(200);
  });

  it("Reconnect renews the token of the same Page, keeping the id; another Page is refused", async () => {
    const cookie = await env.org.cookie("owner");
    const first = await pickPage(cookie, {
      org_id: env.org.orgId,
      pick: await toPicker(cookie, { org_id: env.org.orgId, integration_type: "facebook" }),
      page_id: shop.id,
    });
    const id = first.json.integration_id as string;
    await db().integration.update({
      where: { id },
      data: { needsReauth: true, lastCheckError: "Facebook: Error validating access token (code 190)" },
    });
    shop.token = `EAAP${randomBytes(20).toString("hex")}`; // Meta hands out a new Page token

    const pick = await toPicker(cookie, { org_id: env.org.orgId, integration_type: "facebook", integration_id: id });
    const listed = await listPages(cookie, env.org.orgId, pick);
    expect(listed.json).toMatchObject({ required_page_id: shop.id, is_reconnect: true });
    const wrong = await pickPage(cookie, { org_id: env.org.orgId, pick, page_id: blog.id });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatch(/same Page|Page this integration already has/);
    const renewed = await pickPage(cookie, { org_id: env.org.orgId, pick, page_id: shop.id });
    expect(renewed.json).toEqual({
      integration_id: id,
      path: `/orgs/${env.org.orgId}/integrations/${id}?reconnected=1`,
    });
    const row = await db().integration.findUniqueOrThrow({ where: { id } });
    expect(openSecret(row, "accessToken")).toBe(shop.token);
    expect(row).toMatchObject({ needsReauth: false, lastCheckError: null, config: { page_id: shop.id } });
  });
});
