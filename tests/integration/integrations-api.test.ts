// The integration endpoints after create: the list (no secret fields) and the detail (secrets masked), update keeping
// or replacing secrets and refusing what it must, toggle and delete with the guide's messages.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { integrationApi, LISTED_FIELDS } from "../helpers/integration-api";
import { setUpTestOrg } from "../helpers/org-fixture";
import { createTestOrg } from "../helpers/seed";

const MASK = "••••••";
const env = setUpTestOrg();

describe("list and detail", () => {
  it("lists the org's integrations without secret fields, and filters active ones", async () => {
    const other = await createTestOrg();
    await integrationApi(other.keys.admin).create({
      org_id: other.orgId,
      integration_type: "hubspot",
      name: "Foreign",
    });
    // An inactive one next to the active one (this file's org has no others), so the filter has something to leave out.
    await env.admin.create({ org_id: env.org.orgId, integration_type: "hubspot", name: "Inactive HubSpot" });
    const active = await env.admin.create({
      org_id: env.org.orgId,
      integration_type: "hubspot",
      name: "Active HubSpot",
      access_token: "pat",
      is_active: true,
    });
    const all = await env.admin.list(`org_id=${env.org.orgId}`);
    expect(all.status).toBe(200);
    expect(all.json.integrations.length).toBeGreaterThan(1);
    expect(all.json.integrations.every((i: { org_id: string }) => i.org_id === env.org.orgId)).toBe(true);
    for (const item of all.json.integrations) {
      expect(Object.keys(item).sort()).toEqual([...LISTED_FIELDS, "status"].sort());
      // The list's status is the token's health only (so it can show "Reconnect"), never a credential.
      expect(Object.keys(item.status).sort()).toEqual(["needs_reauth", "token_state"]);
    }
    const onlyActive = await env.admin.list(`org_id=${env.org.orgId}&active_only=true`);
    expect(onlyActive.json.integrations.map((i: { id: string }) => i.id)).toContain(active.json.integration.id);
    expect(onlyActive.json.integrations.every((i: { is_active: boolean }) => i.is_active)).toBe(true);
  });

  it("validates the query string", async () => {
    const missing = await env.admin.list("");
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatch(/org_id/);
    const badFlag = await env.admin.list(`org_id=${env.org.orgId}&active_only=maybe`);
    expect(badFlag.status).toBe(400);
  });

  it("returns every documented field with secrets masked; 404 for unknown ids, 400 for non-UUIDs", async () => {
    const { json } = await env.admin.create({
      org_id: env.org.orgId,
      integration_type: "salesforce",
      name: "SF",
      api_key: "consumer-key",
      api_secret: "consumer-secret",
      refresh_token: "refresh",
      token_expires_at: "2030-06-14T12:30:45.123Z",
      config: { instance_url: "https://acme.my.salesforce.com" },
    });
    const found = await env.admin.detail(json.integration.id);
    expect(found.status).toBe(200);
    expect(found.json.integration).toMatchObject({
      api_key: "consumer-key",
      api_secret: MASK,
      access_token: null,
      refresh_token: MASK,
      token_expires_at: "2030-06-14T12:30:45.123Z",
      api_base_url: "https://login.salesforce.com",
      config: { instance_url: "https://acme.my.salesforce.com" },
    });
    expect((await env.admin.detail("55fcad75-d3d2-4cf2-9313-8974f57dbc93")).json).toEqual({
      error: "Integration not found",
    });
    expect((await env.admin.detail("55fcad75-d3d2-4cf2-9313-8974f57dbc93")).status).toBe(404);
    expect((await env.admin.detail("not-a-uuid")).status).toBe(400);
  });
});

describe("update, toggle, delete", () => {
  async function newFacebook() {
    const { json } = await env.admin.create({
      org_id: env.org.orgId,
      integration_type: "facebook",
      name: "FB",
      access_token: "original-token",
      api_secret: "original-app-secret",
      config: { page_id: "111" },
    });
    return json.integration;
  }
  const storedSecrets = (id: string) => db().integration.findUniqueOrThrow({ where: { id } });

  it("updates fields and keeps secrets that are omitted or sent back masked", async () => {
    const created = await newFacebook();
    const before = await storedSecrets(created.id);
    const { status, json } = await env.admin.update({
      id: created.id,
      name: "Updated Facebook Integration",
      webhook_url: "https://example.com/updated-webhook",
      config: { page_id: "987654321098765" },
      access_token: MASK,
    });
    expect(status).toBe(200);
    expect(json.message).toBe("Integration updated successfully");
    expect(json.integration).toMatchObject({
      name: "Updated Facebook Integration",
      webhook_url: "https://example.com/updated-webhook",
      config: { page_id: "987654321098765" },
      access_token: MASK,
      api_secret: MASK,
    });
    const after = await storedSecrets(created.id);
    expect(after.accessToken).toBe(before.accessToken);
    expect(after.apiSecret).toBe(before.apiSecret);
    expect(new Date(json.integration.updated_at).getTime()).toBeGreaterThanOrEqual(
      new Date(created.updated_at).getTime(),
    );
  });

  it("replaces a secret given a new value and clears it given null", async () => {
    const created = await newFacebook();
    const before = await storedSecrets(created.id);
    const { json } = await env.admin.update({ id: created.id, access_token: "brand-new-token", api_secret: null });
    expect(json.integration.access_token).toBe(MASK);
    expect(json.integration.api_secret).toBeNull();
    const after = await storedSecrets(created.id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.accessToken).not.toContain("brand-new-token");
    expect(after.apiSecret).toBeNull();
  });

  it("refuses moving an integration, changing its type, invalid config and unknown ids — and changes nothing", async () => {
    const created = await newFacebook();
    const other = await createTestOrg();
    const attempts = [
      { id: created.id, org_id: other.orgId, name: "Moved" },
      { id: created.id, integration_type: "hubspot", name: "Retyped" },
      { id: created.id, config: { page_id: "not-a-number" }, name: "Bad config" },
      { id: created.id, access_token: null },
      { id: created.id, name: "" },
    ];
    for (const body of attempts) expect((await env.admin.update(body)).status).toBe(400);
    expect((await env.admin.update({ id: "55fcad75-d3d2-4cf2-9313-8974f57dbc93", name: "x" })).status).toBe(404);
    const unchanged = await env.admin.detail(created.id);
    expect(unchanged.json.integration).toMatchObject({ org_id: env.org.orgId, name: "FB", config: { page_id: "111" } });
  });

  it("toggles with the documented messages", async () => {
    const created = await newFacebook();
    const toggle = (active: unknown) => env.admin.toggle({ id: created.id, active });
    const on = await toggle(true);
    expect(on.json.message).toBe("Integration activated successfully");
    expect(on.json.integration.is_active).toBe(true);
    const off = await toggle(false);
    expect(off.json.message).toBe("Integration deactivated successfully");
    expect(off.json.integration.is_active).toBe(false);
    expect((await toggle("yes")).status).toBe(400);
  });

  it("deletes, then answers 404", async () => {
    const created = await newFacebook();
    const remove = () => env.admin.remove({ id: created.id });
    const first = await remove();
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ message: "Integration deleted successfully" });
    expect((await remove()).status).toBe(404);
    expect((await env.admin.detail(created.id)).status).toBe(404);
  });
});
