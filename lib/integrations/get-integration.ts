import type { Actor } from "@/lib/auth/actor";
import { findIntegrationForActor } from "./find-integration";
import { toIntegrationDetail } from "./serialize-integration";

export async function getIntegration(options: { actor: Actor; id: string }) {
  return toIntegrationDetail(await findIntegrationForActor(options.id, options.actor, "read"));
}
