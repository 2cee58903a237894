// Secrets at rest: AES-256-GCM with a versioned payload `v2:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts).
// The key id lets keys rotate: new values are written with the current key, older keys still decrypt.
// v2 binds every ciphertext to where it is stored (table, column, row id) as associated data, so a payload copied
// into another row or column — another organization's, say — no longer decrypts. v1 payloads (no binding) are read
// only by the migration step and `keys:rotate`, which rewrite them as v2: the app itself refuses them, so an old
// unbound payload (from a backup, say) cannot be planted in another row either.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export type EncryptionKeyring = { current: { id: string; key: Buffer }; all: Map<string, Buffer> };

const PAYLOAD_VERSION = "v2";
const LEGACY_PAYLOAD_VERSION = "v1";
const AUTH_TAG_BYTES = 16;
const IV_BYTES = 12;

export class InvalidEncryptionKeyError extends Error {}

/** The place a secret is stored, bound into its ciphertext: `integrations.api_secret:<row id>`. */
export function secretContext(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}

/** A key id derived from the key itself: stable across restarts, reveals nothing useful about the key. */
function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 8);
}

export function parseEncryptionKey(base64: string, name = "ENCRYPTION_KEY"): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) {
    throw new InvalidEncryptionKeyError(
      `${name} must be 32 bytes encoded as base64 (e.g. \`openssl rand -base64 32\`).`,
    );
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

export function encryptSecret(plaintext: string, keyring: EncryptionKeyring, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv, { authTagLength: AUTH_TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    PAYLOAD_VERSION,
    keyring.current.id,
    iv.toString("base64url"),
    tag.toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(":");
}

export class SecretDecryptionError extends Error {}

export function decryptSecret(
  payload: string,
  keyring: EncryptionKeyring,
  context: string,
  options: { acceptUnbound?: boolean } = {},
): string {
  const [version, keyId, iv, tag, ciphertext, ...rest] = payload.split(":");
  const isKnownVersion =
    version === PAYLOAD_VERSION || (options.acceptUnbound === true && version === LEGACY_PAYLOAD_VERSION);
  if (!isKnownVersion || !keyId || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new SecretDecryptionError("Not an encrypted secret payload");
  }
  const key = keyring.all.get(keyId);
  if (!key)
    throw new SecretDecryptionError(
      `Secret was encrypted with an unknown key (${keyId}); add it to ENCRYPTION_KEYS_PREVIOUS`,
    );
  const tagBytes = Buffer.from(tag, "base64url");
  const ivBytes = Buffer.from(iv, "base64url");
  // A short tag would make forgeries easier; GCM in Node accepts truncated tags unless told their length.
  if (tagBytes.length !== AUTH_TAG_BYTES || ivBytes.length !== IV_BYTES)
    throw new SecretDecryptionError("Damaged secret payload");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, ivBytes, { authTagLength: AUTH_TAG_BYTES });
    if (version === PAYLOAD_VERSION) decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("Secret does not belong here or was tampered with (authentication failed)");
  }
}

/** Whether a stored payload is written with an older key or the unbound v1 format (so `keys:rotate` rewrites it). */
export function needsReEncryption(payload: string, keyring: EncryptionKeyring): boolean {
  const [version, keyId] = payload.split(":");
  return version !== PAYLOAD_VERSION || keyId !== keyring.current.id;
}

/** Whether a stored value is an encrypted payload at all (api_key was stored in clear before v2). */
export function isEncryptedPayload(value: string): boolean {
  return /^v[12]:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*:[A-Za-z0-9_-]*:[A-Za-z0-9_-]*$/.test(value);
}
