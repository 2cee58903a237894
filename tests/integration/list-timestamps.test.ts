// The list has PostgreSQL format its timestamps (lib/integrations/list-integrations.ts): they must be exactly what
// Date#toISOString() gives for the same row, as the detail returns it, whatever the milliseconds or the season.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import { detailRoute, listRoute } from "../helpers/routes";
import { createTestOrg } from "../helpers/seed";

describe("list timestamps", () => {
  it("match Date#toISOString() and the detail, row for row, in the list's order", async () => {
    const org = await createTestOrg();
    const moments = [
      "2000-02-29T23:59:59.999Z",
      "2025-03-30T01:00:00.007Z",
      "2025-10-26T00:59:59.070Z",
      "2031-12-31T12:00:00.500Z",
    ];
    for (const [index, moment] of moments.entries()) {
      await db().integration.create({
        data: {
          orgId: org.orgId,
          integrationType: "hubspot",
          name: `At ${moment}`,
          isActive: index % 2 === 0,
          createdAt: new Date(moment),
          updatedAt: new Date(Date.parse(moment) + 1),
        },
      });
    }
    const list = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}`,
      headers: bearer(org.keys.viewer),
    });
    expect(list.status).toBe(200);
    expect(list.json.integrations.map((item: { created_at: string }) => item.created_at)).toEqual(
      [...moments].reverse(),
    );
    for (const item of list.json.integrations) {
      const detail = await callRoute(detailRoute.GET, {
        path: `/organization-integration/${item.id}`,
        params: { integration_id: item.id },
        headers: bearer(org.keys.viewer),
      });
      const {
        id,
        org_id,
        integration_type,
        name,
        is_active,
        api_base_url,
        webhook_url,
        created_at,
        updated_at,
        status,
      } = detail.json.integration;
      const { needs_reauth, token_state } = status;
      expect(item).toEqual({
        id,
        org_id,
        integration_type,
        name,
        is_active,
        api_base_url,
        webhook_url,
        created_at,
        updated_at,
        status: { needs_reauth, token_state },
      });
    }
    const active = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${org.orgId}&active_only=true`,
      headers: bearer(org.keys.viewer),
    });
    expect(active.json.integrations.map((item: { name: string }) => item.name)).toEqual([
      `At ${moments[2]}`,
      `At ${moments[0]}`,
    ]);
  });
});
