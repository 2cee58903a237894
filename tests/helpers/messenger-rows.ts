// What the webhook stored, read straight from the database (tests check rows the API does not show).
import { db } from "@/lib/db/prisma";

/** The integration's messages, oldest first (ties by mid, so the order is stable). */
export const storedMessages = (integrationId: string) =>
  db().messengerMessage.findMany({ where: { integrationId }, orderBy: [{ timestamp: "asc" }, { mid: "asc" }] });

/** The integration's webhook delivery log, newest first. */
export const webhookLogRows = (integrationId: string) =>
  db().messengerWebhookLog.findMany({ where: { integrationId }, orderBy: { receivedAt: "desc" } });

/** Deliveries whose background job failed (their error is kept in the log). */
export const failedJobLogRows = (integrationId: string) =>
  db().messengerWebhookLog.findMany({ where: { integrationId, outcome: "job_failed" } });
