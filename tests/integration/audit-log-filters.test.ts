// The audit page's filters (action, actor, integration) and its actor list: scoped to the caller's organization,
// validated at the edge, and — like the log itself — never carrying a value.
import { beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import { integrationApi } from "../helpers/integration-api";
import { auditActorsRoute, auditLogRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let stranger: TestOrg;
let first: string;
let second: string;
let strangersIntegration: string;
const SECRET = "audit-filter-secret-token-9";

type Entry = {
  id: string;
  action: string;
  actor: { type: string; id: string | null; label: string };
  target: { id: string };
};

const create = async (owner: TestOrg, role: "owner" | "admin", name: string, extra: Record<string, unknown> = {}) => {
  const body = { org_id: owner.orgId, integration_type: "other", name, ...extra };
  const created = await integrationApi(owner.keys[role]).create(body);
  expect(created.status).toBe(201);
  return created.json.integration.id as string;
};

const log = async (query: string, key = org.keys.admin) =>
  callRoute(auditLogRoute.GET, { path: `/organization-audit-log?org_id=${org.orgId}${query}`, headers: bearer(key) });

beforeAll(async () => {
  [org, stranger] = await Promise.all([createTestOrg(), createTestOrg()]);
  first = await create(org, "admin", "First", { access_token: SECRET });
  second = await create(org, "owner", "Second");
  await integrationApi(org.keys.admin).update({ id: first, name: "First 2", access_token: `${SECRET}-new` });
  await integrationApi(org.keys.owner).toggle({ id: second, active: true });
  await recordAudit(db(), {
    actor: { kind: "system", label: "org:add-member" },
    orgId: org.orgId,
    action: "member.role_changed",
    targetType: "user",
    targetId: org.userIds.viewer,
    changedFields: ["role"],
  });
  strangersIntegration = await create(stranger, "owner", "Stranger's");
});

describe("GET /organization-audit-log filters", () => {
  it("filters by action", async () => {
    const answer = await log("&action=integration.updated");
    expect(answer.status).toBe(200);
    expect(answer.json.entries.map((entry: Entry) => [entry.action, entry.target.id])).toEqual([
      ["integration.updated", first],
    ]);
  });

  it("filters by integration, newest first, and pages through the filtered entries only", async () => {
    const all = await log(`&integration_id=${first}`);
    expect(all.json.entries.map((entry: Entry) => entry.action)).toEqual([
      "integration.updated",
      "integration.created",
    ]);
    const page1 = await log(`&integration_id=${first}&limit=1`);
    expect(page1.json.entries.map((entry: Entry) => entry.action)).toEqual(["integration.updated"]);
    const page2 = await log(`&integration_id=${first}&limit=1&before=${encodeURIComponent(page1.json.next_before)}`);
    expect(page2.json.entries.map((entry: Entry) => entry.action)).toEqual(["integration.created"]);
    expect(page2.json.next_before).toBeNull();
  });

  it("filters by actor: an API key, or the scripts (actor_id=system)", async () => {
    const byAdminKey = await log(`&actor_id=${org.keyIds.admin}`);
    expect(byAdminKey.json.entries.map((entry: Entry) => entry.action)).toEqual([
      "integration.updated",
      "integration.created",
    ]);
    expect(byAdminKey.json.entries.every((entry: Entry) => entry.actor.id === org.keyIds.admin)).toBe(true);
    const bySystem = await log("&actor_id=system");
    expect(bySystem.json.entries).toHaveLength(1);
    expect(bySystem.json.entries[0]).toMatchObject({
      action: "member.role_changed",
      actor: { type: "system", label: "org:add-member" },
    });
  });

  it("combines filters", async () => {
    const answer = await log(`&actor_id=${org.keyIds.owner}&action=integration.activated&integration_id=${second}`);
    expect(answer.json.entries.map((entry: Entry) => entry.target.id)).toEqual([second]);
    expect((await log(`&actor_id=${org.keyIds.admin}&integration_id=${second}`)).json.entries).toEqual([]);
  });

  it("never shows another organization's entries, even when asked for its integration or its actor", async () => {
    expect((await log(`&integration_id=${strangersIntegration}`)).json.entries).toEqual([]);
    expect((await log(`&actor_id=${stranger.keyIds.owner}`)).json.entries).toEqual([]);
    // And asking for the other organization's log outright is refused.
    const other = await callRoute(auditLogRoute.GET, {
      path: `/organization-audit-log?org_id=${stranger.orgId}&integration_id=${strangersIntegration}`,
      headers: bearer(org.keys.admin),
    });
    expect(other.status).toBe(403);
  });

  it("answers 400 with a sentence for a bad filter, never 500", async () => {
    for (const [query, words] of [
      ["&action=integration.exploded", "action must be one of"],
      ["&action=", "action must be one of"],
      ["&actor_id=robert'); DROP TABLE audit_entries;--", "actor_id must be a UUID"],
      ["&integration_id=42", "integration_id must be a valid UUID"],
    ]) {
      const answer = await log(query!);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error).toContain(words);
    }
  });

  it("never carries a value, filtered or not", async () => {
    for (const query of ["", `&integration_id=${first}`, "&action=integration.updated"]) {
      const answer = await log(query);
      expect(answer.text).not.toContain(SECRET);
      expect(
        answer.json.entries.find((entry: Entry) => entry.action === "integration.updated")?.changed_fields ?? [
          "name",
          "access_token",
        ],
      ).toEqual(["name", "access_token"]);
    }
  });
});

describe("GET /organization-audit-actors", () => {
  it("lists everyone in this organization's log once, with no key secrets", async () => {
    const answer = await callRoute(auditActorsRoute.GET, {
      path: `/organization-audit-actors?org_id=${org.orgId}`,
      headers: bearer(org.keys.admin),
    });
    expect(answer.status).toBe(200);
    const actors = answer.json.actors as { type: string; id: string | null; label: string }[];
    expect(actors).toHaveLength(3);
    expect(actors).toEqual(
      expect.arrayContaining([
        { type: "api_key", id: org.keyIds.admin, label: expect.stringContaining("admin key") },
        { type: "api_key", id: org.keyIds.owner, label: expect.stringContaining("owner key") },
        { type: "system", id: null, label: "org:add-member" },
      ]),
    );
    expect(actors.some((actor) => actor.id === stranger.keyIds.owner)).toBe(false);
    for (const key of Object.values(org.keys)) expect(answer.text).not.toContain(key);
  });

  it("is for owners and admins of the organization only", async () => {
    const path = `/organization-audit-actors?org_id=${org.orgId}`;
    expect((await callRoute(auditActorsRoute.GET, { path, headers: bearer(org.keys.viewer) })).status).toBe(403);
    expect((await callRoute(auditActorsRoute.GET, { path, headers: bearer(stranger.keys.owner) })).status).toBe(403);
    expect((await callRoute(auditActorsRoute.GET, { path })).status).toBe(401);
    expect(
      (
        await callRoute(auditActorsRoute.GET, {
          path: "/organization-audit-actors?org_id=nope",
          headers: bearer(org.keys.admin),
        })
      ).status,
    ).toBe(400);
  });
});
