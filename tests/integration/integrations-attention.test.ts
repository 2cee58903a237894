// The navigation's "needs attention" count and the list it links to (?attention=1): one rule
// (lib/integrations/attention.ts), counted in one query, scoped to the caller's organization.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bearer, callRoute } from "../helpers/call-route";
import { attentionRoute, createRoute, listRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

let org: TestOrg;
let stranger: TestOrg;
const needing = new Map<string, string>();
const fine = new Map<string, string>();

async function integrationWith(
  owner: TestOrg,
  name: string,
  state: Prisma.IntegrationUpdateInput,
  body: Record<string, unknown> = {},
) {
  const created = await callRoute(createRoute.POST, {
    method: "POST",
    path: "/create-organization-integration",
    headers: bearer(owner.keys.owner),
    body: { org_id: owner.orgId, integration_type: "other", name, ...body },
  });
  expect(created.status, created.text).toBe(201);
  const id = created.json.integration.id as string;
  // These columns are written by checks, webhooks and jobs, not by the API: set them as those would.
  await db().integration.update({ where: { id }, data: { isActive: true, ...state } });
  return id;
}

const count = (owner: TestOrg, key = owner.keys.viewer) =>
  callRoute(attentionRoute.GET, {
    path: `/organization-integrations-attention?org_id=${owner.orgId}`,
    headers: bearer(key),
  });

beforeAll(async () => {
  [org, stranger] = await Promise.all([createTestOrg(), createTestOrg()]);
  needing.set("reauth", await integrationWith(org, "Refused token", { needsReauth: true }));
  needing.set(
    "check",
    await integrationWith(org, "Failing check", { lastCheckOk: false, lastCheckError: "HubSpot: 401" }),
  );
  needing.set("unverified", await integrationWith(org, "Unsigned events", { hasUnverifiedEvents: true }));
  needing.set(
    "accepts-unsigned",
    await integrationWith(
      org,
      "Accepts unsigned",
      {},
      { integration_type: "facebook", access_token: "attention-page-token", config: { accept_unsigned_events: true } },
    ),
  );
  needing.set(
    "subscription",
    await integrationWith(org, "Failed subscription", {
      subscriptionStatus: "failed",
      subscriptionError: "(#200) permission",
    }),
  );
  fine.set("healthy", await integrationWith(org, "Healthy", { lastCheckOk: true, subscriptionStatus: "subscribed" }));
  fine.set(
    "inactive",
    await integrationWith(org, "Set aside", { isActive: false, lastCheckOk: false, needsReauth: true }),
  );
  fine.set(
    "signed-off",
    await integrationWith(
      org,
      "Unsigned off",
      {},
      {
        integration_type: "facebook",
        access_token: "attention-page-token-2",
        config: { accept_unsigned_events: false },
      },
    ),
  );
  // The stranger's broken integrations must not count here.
  await integrationWith(stranger, "Stranger refused", { needsReauth: true });
  await integrationWith(stranger, "Stranger failing", { lastCheckOk: false });
});

describe("integrations that need attention", () => {
  it("counts each reason once, for any member (viewers too)", async () => {
    const answer = await count(org);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ count: needing.size });
    expect((await count(stranger)).json).toEqual({ count: 2 });
  });

  it("lists exactly the integrations the count counts with ?attention=1", async () => {
    const answer = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}&attention=1`,
      headers: bearer(org.keys.viewer),
    });
    expect(answer.status).toBe(200);
    const ids = answer.json.integrations.map((item: { id: string }) => item.id).sort();
    expect(ids).toEqual([...needing.values()].sort());
    const everything = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}`,
      headers: bearer(org.keys.viewer),
    });
    expect(everything.json.integrations).toHaveLength(needing.size + fine.size);
  });

  it("clears when the problem is fixed", async () => {
    const fixed = await integrationWith(org, "Fixed later", { lastCheckOk: false });
    expect((await count(org)).json.count).toBe(needing.size + 1);
    await db().integration.update({ where: { id: fixed }, data: { lastCheckOk: true } });
    expect((await count(org)).json.count).toBe(needing.size);
  });

  it("refuses strangers, anonymous callers and bad input", async () => {
    expect((await count(org, stranger.keys.owner)).status).toBe(403);
    expect(
      (await callRoute(attentionRoute.GET, { path: `/organization-integrations-attention?org_id=${org.orgId}` }))
        .status,
    ).toBe(401);
    const bad = await callRoute(attentionRoute.GET, {
      path: "/organization-integrations-attention?org_id=1",
      headers: bearer(org.keys.owner),
    });
    expect(bad.status).toBe(400);
    const badFlag = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}&attention=maybe`,
      headers: bearer(org.keys.owner),
    });
    expect(badFlag.status).toBe(400);
    expect(badFlag.json.error).toContain("attention");
  });
});
