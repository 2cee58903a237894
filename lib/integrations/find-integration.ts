import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { assertResourcePermission, type Actor, type Permission } from "@/lib/auth/actor";
import { db } from "@/lib/db/prisma";

/** Loads an integration the actor may act on, or throws the same 404 whether it is missing or foreign. */
export async function findIntegrationForActor(
  id: string,
  actor: Actor,
  permission: Permission,
  client: Prisma.TransactionClient = db(),
) {
  const integration = await client.integration.findUnique({ where: { id } });
  if (!integration) throw notFound();
  assertResourcePermission(actor, integration.orgId, permission);
  return integration;
}
