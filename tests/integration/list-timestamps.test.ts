// The list has PostgreSQL format its timestamps (lib/integrations/list-integrations.ts): they must be exactly what
// Date#toISOString() gives for the same row, as the detail returns it, whatever the milliseconds or the season.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { integrationApi, LISTED_FIELDS } from "../helpers/integration-api";
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
    const viewer = integrationApi(org.keys.viewer);
    const list = await viewer.list(`org_id=${org.orgId}`);
    expect(list.status).toBe(200);
    expect(list.json.integrations.map((item: { created_at: string }) => item.created_at)).toEqual(
      [...moments].reverse(),
    );
    for (const item of list.json.integrations) {
      const detail = await viewer.integration(item.id);
      expect(item).toEqual({
        ...Object.fromEntries(LISTED_FIELDS.map((field) => [field, detail[field]])),
        status: { needs_reauth: detail.status.needs_reauth, token_state: detail.status.token_state },
      });
    }
    const active = await viewer.list(`org_id=${org.orgId}&active_only=true`);
    expect(active.json.integrations.map((item: { name: string }) => item.name)).toEqual([
      `At ${moments[2]}`,
      `At ${moments[0]}`,
    ]);
  });
});
