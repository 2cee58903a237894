// Secret columns of an integration: encrypted on the way in, decrypted only where a provider is called. Each value is
// bound to its row and column (see lib/crypto/secrets.ts), so sealing needs the row id before the row is written.
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import {
  decryptSecret,
  encryptSecret,
  isEncryptedPayload,
  secretContext,
  SecretDecryptionError,
} from "@/lib/crypto/secrets";
import { logger } from "@/lib/logging/logger";
import { SECRET_MASK } from "@/lib/validations/integration";

/** Every encrypted column of `integrations`: Prisma field → database column. */
export const INTEGRATION_SECRET_COLUMNS = {
  webhookVerifyToken: "webhook_verify_token",
  apiKey: "api_key",
  apiSecret: "api_secret",
  accessToken: "access_token",
  refreshToken: "refresh_token",
} as const;

export type SecretField = keyof typeof INTEGRATION_SECRET_COLUMNS;

const contextOf = (integrationId: string, field: SecretField) =>
  secretContext("integrations", INTEGRATION_SECRET_COLUMNS[field], integrationId);

export function sealSecret(integrationId: string, field: SecretField, plaintext: string): string {
  return encryptSecret(plaintext, serverEnv().keyring, contextOf(integrationId, field));
}

export function sealOptional(
  integrationId: string,
  field: SecretField,
  value: string | null | undefined,
): string | null {
  return value == null ? null : sealSecret(integrationId, field, value);
}

/** The plaintext of one secret column of this row (null when unset). */
export function openSecret(
  row: { id: string } & Partial<Record<SecretField, string | null>>,
  field: SecretField,
): string | null {
  const stored = row[field];
  if (!stored) return null;
  // api_key was kept in clear before it was encrypted; rows not yet migrated (db:migrate / start does it) still read.
  if (field === "apiKey" && !isEncryptedPayload(stored)) return stored;
  try {
    return decryptSecret(stored, serverEnv().keyring, contextOf(row.id, field));
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    // Moved from another row, tampered with, or written under a key that is no longer configured: unusable either way.
    throw new AppError(
      "conflict",
      `The stored ${INTEGRATION_SECRET_COLUMNS[field]} cannot be decrypted here; enter it again`,
    );
  }
}

/**
 * For showing a value (the detail's api_key and verify token): an unreadable value shows as null, so the admin can
 * still open the integration and enter it again, instead of the whole detail failing.
 */
export function openSecretForDisplay(
  row: { id: string } & Partial<Record<SecretField, string | null>>,
  field: SecretField,
): string | null {
  try {
    return openSecret(row, field);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    logger.warn(
      { integrationId: row.id, column: INTEGRATION_SECRET_COLUMNS[field] },
      "stored secret cannot be decrypted",
    );
    return null;
  }
}

/** Like openSecret, for callers that already checked the column is set. */
export function openRequiredSecret(
  row: { id: string } & Partial<Record<SecretField, string | null>>,
  field: SecretField,
): string {
  const value = openSecret(row, field);
  if (value === null)
    throw new AppError("bad_request", `${INTEGRATION_SECRET_COLUMNS[field]} is not set on this integration`);
  return value;
}

/**
 * The stored value after an update: omitted or the mask keeps it (so a client can send back what it read),
 * null clears it, anything else replaces it. `undefined` means "no change" to the caller.
 */
export function nextSecretValue(
  integrationId: string,
  field: SecretField,
  input: string | null | undefined,
): string | null | undefined {
  if (input === undefined || input === SECRET_MASK) return undefined;
  return input === null ? null : sealSecret(integrationId, field, input);
}
