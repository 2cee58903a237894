import { badRequest } from "@/lib/errors";
import type { Actor, Permission } from "@/lib/auth/actor";
import { findIntegrationForActor } from "@/lib/integrations/find-integration";

/** The integration, if the actor may use it (else the usual 404/403) and it is a Facebook one (else 400). */
export async function findMessengerIntegration(id: string, actor: Actor, permission: Permission) {
  const integration = await findIntegrationForActor(id, actor, permission);
  if (integration.integrationType !== "facebook")
    throw badRequest("Messages are only available for facebook integrations");
  return integration;
}

/** How a page of one integration's inbox is asked for: by whom, how many rows, and where the previous page ended. */
export type InboxPageRequest<TCursor> = { actor: Actor; integrationId: string; limit: number; before?: TCursor };
