import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { unsubscribeBeforeDelete } from "@/lib/messenger/sync-page-subscription";
import { findIntegrationForActor } from "./find-integration";

export async function deleteIntegration(options: { actor: Actor; id: string }) {
  const { actor, id } = options;
  await unsubscribeBeforeDelete(await findIntegrationForActor(id, actor, "write"));
  await db().$transaction(async (tx) => {
    const integration = await findIntegrationForActor(id, actor, "write", tx);
    await tx.integration.delete({ where: { id } });
    await recordAudit(tx, {
      actor,
      orgId: integration.orgId,
      action: "integration.deleted",
      targetType: "integration",
      targetId: id,
    });
  });
}
