// Secret columns of an integration: encrypted on the way in, decrypted only where a provider is called.
import { serverEnv } from "@/lib/config/server-env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { SECRET_MASK } from "@/lib/validations/integration";

export const encrypt = (plaintext: string) => encryptSecret(plaintext, serverEnv().keyring);
export const decrypt = (payload: string) => decryptSecret(payload, serverEnv().keyring);

export function encryptOptional(value: string | null | undefined): string | null {
  return value == null ? null : encrypt(value);
}

/**
 * The stored value after an update: omitted or the mask keeps it (so a client can send back what it read),
 * null clears it, anything else replaces it. `undefined` means "no change" to the caller.
 */
export function nextSecretValue(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === SECRET_MASK) return undefined;
  return input === null ? null : encrypt(input);
}
