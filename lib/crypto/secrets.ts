// Secrets at rest: AES-256-GCM with a versioned payload `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts).
// The key id lets keys rotate: new values are written with the current key, older keys still decrypt.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export type EncryptionKeyring = { current: { id: string; key: Buffer }; all: Map<string, Buffer> };

const PAYLOAD_VERSION = "v1";

export class InvalidEncryptionKeyError extends Error {}

/** A key id derived from the key itself: stable across restarts, reveals nothing useful about the key. */
function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

export function parseEncryptionKey(base64: string, name = "ENCRYPTION_KEY"): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) {
    throw new InvalidEncryptionKeyError(`${name} must be 32 bytes encoded as base64 (e.g. \`openssl rand -base64 32\`).`);
  }
  return key;
}

/** `current` encrypts; `previous` (comma-separated base64 keys) only decrypt, while old payloads are re-encrypted. */
export function createKeyring(current: string, previous: string[] = []): EncryptionKeyring {
  const currentKey = parseEncryptionKey(current);
  const all = new Map<string, Buffer>([[keyIdOf(currentKey), currentKey]]);
  for (const old of previous) {
    const key = parseEncryptionKey(old, "ENCRYPTION_KEYS_PREVIOUS");
    all.set(keyIdOf(key), key);
  }
  return { current: { id: keyIdOf(currentKey), key: currentKey }, all };
}

export function encryptSecret(plaintext: string, keyring: EncryptionKeyring): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [PAYLOAD_VERSION, keyring.current.id, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptSecret(payload: string, keyring: EncryptionKeyring): string {
  const [version, keyId, iv, tag, ciphertext] = payload.split(":");
  if (version !== PAYLOAD_VERSION || !keyId || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new Error("Not an encrypted secret payload");
  }
  const key = keyring.all.get(keyId);
  if (!key) throw new Error(`Secret was encrypted with an unknown key (${keyId}); add it to ENCRYPTION_KEYS_PREVIOUS`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** Whether a stored payload was written with an older key (so `keys:rotate` should re-encrypt it). */
export function isEncryptedWithOldKey(payload: string, keyring: EncryptionKeyring): boolean {
  return payload.split(":")[1] !== keyring.current.id;
}
