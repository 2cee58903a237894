// Meta's subscription handshake: GET /webhook?org_id=…&hub.mode=subscribe&hub.verify_token=…&hub.challenge=…
import { db } from "@/lib/db/prisma";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { tokensEqual } from "./webhook-signature";

/** True when the token equals the verify token of one of the organization's Facebook integrations. */
export async function isKnownVerifyToken(options: { orgId: string; verifyToken: string }): Promise<boolean> {
  const integrations = await db().integration.findMany({
    where: { orgId: options.orgId, integrationType: "facebook", webhookVerifyToken: { not: null } },
    select: { id: true, webhookVerifyToken: true },
  });
  // Every token is compared (no early return), so the answer time says nothing about which one matched.
  let isKnown = false;
  for (const integration of integrations) {
    if (tokensEqual(options.verifyToken, openSecret(integration, "webhookVerifyToken") ?? "")) isKnown = true;
  }
  return isKnown;
}
