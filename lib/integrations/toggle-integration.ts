import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { schedulePageSubscription } from "@/lib/messenger/schedule-page-subscription";
import { findIntegrationForActor } from "./find-integration";
import { toIntegrationDetail } from "./serialize-integration";

export async function toggleIntegration(options: { actor: Actor; id: string; active: boolean }) {
  const { actor, id, active } = options;
  const row = await db().$transaction(async (tx) => {
    const before = await findIntegrationForActor(id, actor, "write", tx);
    const updated = await tx.integration.update({ where: { id }, data: { isActive: active } });
    await recordAudit(tx, {
      actor,
      orgId: updated.orgId,
      action: active ? "integration.activated" : "integration.deactivated",
      targetType: "integration",
      targetId: id,
      changedFields: ["is_active"],
    });
    return schedulePageSubscription(tx, before, updated);
  });
  return toIntegrationDetail(row);
}
