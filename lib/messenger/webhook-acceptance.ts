// Which of the organization's Facebook integrations accept a delivery, decided from the raw bytes and the
// signature header alone, before the body is parsed or any Page is looked at, so an unsigned or forged post learns
// nothing about the organization's Pages. A batch is signed by one Meta app: the integrations whose App Secret
// verifies it accept it as verified; those that opted in to unsigned test deliveries accept it as unverified.
import { randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/config/server-env";
import type { Integration } from "@/lib/generated/prisma/client";
import { openSecret } from "@/lib/integrations/integration-secrets";
import { logger } from "@/lib/logging/logger";
import { isValidWebhookSignature } from "./webhook-signature";

/** integration id → whether its events are stored as verified. Empty: nobody accepts, the delivery is refused. */
export type Acceptance = Map<string, boolean>;

/** The Meta App Secret that signs deliveries for this integration, if we know one. */
function appSecretFor(integration: Integration): string | null {
  return openSecret(integration, "apiSecret") ?? serverEnv().FACEBOOK_APP_SECRET ?? null;
}

function safeAppSecretFor(integration: Integration): string | null {
  try {
    return appSecretFor(integration);
  } catch (error) {
    // A secret that cannot be decrypted verifies nothing; it must not fall back to the server's or to "unsigned".
    logger.warn(
      { err: error, integrationId: integration.id },
      "webhook: the integration's App Secret cannot be decrypted",
    );
    return null;
  }
}

export function acceptsUnsignedEvents(integration: Pick<Integration, "config">): boolean {
  return (integration.config as { accept_unsigned_events?: unknown } | null)?.accept_unsigned_events === true;
}

// Stands in for the secrets of an organization that has none (or does not exist), so such a refusal costs the same
// HMAC work as any other and its timing does not tell the two apart.
const DECOY_SECRET = randomBytes(32).toString("hex");

export function acceptDelivery(integrations: Integration[], rawBody: Uint8Array, signature: string | null): Acceptance {
  const verdictBySecret = new Map<string, boolean>();
  const isSignedWith = (secret: string) => {
    if (!verdictBySecret.has(secret)) verdictBySecret.set(secret, isValidWebhookSignature(rawBody, signature, secret));
    return verdictBySecret.get(secret)!;
  };
  const acceptance: Acceptance = new Map();
  for (const integration of integrations) {
    const secret = safeAppSecretFor(integration);
    if (secret && isSignedWith(secret)) acceptance.set(integration.id, true);
    else if (acceptsUnsignedEvents(integration)) acceptance.set(integration.id, false);
  }
  if (!verdictBySecret.size) isSignedWith(DECOY_SECRET);
  return acceptance;
}
