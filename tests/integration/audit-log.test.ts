// Every change is recorded with who, what, and which fields — never the values, so no secret ends up in the log.
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, callRoute } from "../helpers/call-route";
import {
  auditLogRoute,
  createKeyRoute,
  createRoute,
  deleteRoute,
  revokeKeyRoute,
  toggleRoute,
  updateRoute,
} from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
beforeAll(async () => {
  org = await createTestOrg();
});

const SECRETS = ["audit-access-token-1", "audit-app-secret-2", "audit-refresh-3", "audit-new-token-4"];

describe("audit log", () => {
  it("records create, update, toggle, delete and key changes, newest first, without values", async () => {
    const headers = bearer(org.keys.admin);
    const post = (handler: typeof createRoute.POST, path: string, body: unknown) =>
      callRoute(handler, { method: "POST", path, body, headers });
    const created = await post(createRoute.POST, "/create-organization-integration", {
      org_id: org.orgId,
      integration_type: "facebook",
      name: "Audited",
      access_token: SECRETS[0],
      api_secret: SECRETS[1],
      refresh_token: SECRETS[2],
    });
    const id = created.json.integration.id;
    await post(updateRoute.POST, "/update-organization-integration", {
      id,
      name: "Audited 2",
      access_token: SECRETS[3],
      api_secret: "••••••",
    });
    await post(toggleRoute.POST, "/toggle-organization-integration", { id, active: true });
    await post(deleteRoute.POST, "/delete-organization-integration", { id });
    // Only owner keys (or people in a session) manage keys.
    const ownerKey = bearer(org.keys.owner);
    const key = await callRoute(createKeyRoute.POST, {
      method: "POST",
      path: "/create-organization-api-key",
      body: { org_id: org.orgId, name: "Audit key" },
      headers: ownerKey,
    });
    await callRoute(revokeKeyRoute.POST, {
      method: "POST",
      path: "/revoke-organization-api-key",
      body: { id: key.json.api_key.id },
      headers: ownerKey,
    });

    const log = await callRoute(auditLogRoute.GET, { path: `/organization-audit-log?org_id=${org.orgId}`, headers });
    expect(log.status).toBe(200);
    const actions = log.json.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual([
      "api_key.revoked",
      "api_key.created",
      "integration.deleted",
      "integration.activated",
      "integration.updated",
      "integration.created",
    ]);
    const update = log.json.entries.find((entry: { action: string }) => entry.action === "integration.updated");
    expect(update).toMatchObject({
      org_id: org.orgId,
      actor: { type: "api_key", label: expect.stringContaining("admin key") },
      target: { type: "integration", id },
      changed_fields: ["name", "access_token"],
    });
    const whole = JSON.stringify(log.json);
    for (const secret of [...SECRETS, key.json.api_key.key]) expect(whole).not.toContain(secret);
  });

  it("pages with `before`, and is for admins only", async () => {
    const headers = bearer(org.keys.owner);
    for (let i = 0; i < 3; i++) {
      await callRoute(createRoute.POST, {
        method: "POST",
        path: "/create-organization-integration",
        headers,
        body: { org_id: org.orgId, integration_type: "other", name: `Page ${i}` },
      });
    }
    const first = await callRoute(auditLogRoute.GET, {
      path: `/organization-audit-log?org_id=${org.orgId}&limit=2`,
      headers,
    });
    expect(first.json.entries).toHaveLength(2);
    expect(first.json.next_before).toBeTruthy();
    const second = await callRoute(auditLogRoute.GET, {
      path: `/organization-audit-log?org_id=${org.orgId}&limit=2&before=${encodeURIComponent(first.json.next_before)}`,
      headers,
    });
    const firstIds = first.json.entries.map((e: { id: string }) => e.id);
    expect(second.json.entries.length).toBeGreaterThan(0);
    for (const entry of second.json.entries) expect(firstIds).not.toContain(entry.id);
    expect(
      (await callRoute(auditLogRoute.GET, { path: `/organization-audit-log?org_id=${org.orgId}&limit=0`, headers }))
        .status,
    ).toBe(400);
    expect(
      (
        await callRoute(auditLogRoute.GET, {
          path: `/organization-audit-log?org_id=${org.orgId}`,
          headers: bearer(org.keys.viewer),
        })
      ).status,
    ).toBe(403);
  });
});
