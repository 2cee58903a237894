// "Subscribe again": subscribes the Page now and answers Meta's verdict, for the admin who just fixed the cause
// (a permission granted, a new token) or whose Page Meta unsubscribed after webhook failures. Unlike the background
// job it does not retry: the person sees the answer and can click again.
import { AppError, badRequest } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/prisma";
import { findIntegrationForActor } from "@/lib/integrations/find-integration";
import type { TResubscribeResult } from "@/lib/validations/integration-response";
import { pageIdOf, toPageSubscriptionStatus } from "./page-subscription";
import { cancelQueuedPageSubscription } from "./schedule-page-subscription";
import { syncPageSubscription } from "./sync-page-subscription";

export type ResubscribeResult = TResubscribeResult;

export async function resubscribePage(options: { actor: Actor; id: string }): Promise<ResubscribeResult> {
  const { actor, id } = options;
  const integration = await findIntegrationForActor(id, actor, "write");
  if (integration.integrationType !== "facebook")
    throw badRequest("Only Facebook integrations subscribe a Page to webhooks");
  if (!pageIdOf(integration)) throw badRequest("Set config.page_id (the Facebook Page ID) first");
  if (!integration.accessToken) throw badRequest("Set the Page access token first");
  if (!integration.isActive)
    throw new AppError(
      "conflict",
      "Activate the integration first: an inactive integration keeps its Page unsubscribed",
    );

  await cancelQueuedPageSubscription(db(), id);
  const outcome = await syncPageSubscription(id, { isBackground: false });
  await recordAudit(db(), {
    actor,
    orgId: integration.orgId,
    action: "integration.page_subscription_requested",
    targetType: "integration",
    targetId: id,
    changedFields: [],
  });
  const row = await db().integration.findUnique({ where: { id } });
  const subscription = toPageSubscriptionStatus(row ?? integration);
  if (outcome?.status === "subscribed") return { ok: true, subscription };
  return { ok: false, error: outcome?.error ?? "The Page could not be subscribed", subscription };
}
