import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createKeyring,
  decryptSecret,
  encryptSecret,
  needsReEncryption,
  secretContext,
  type EncryptionKeyring,
} from "./secrets";

const newKey = () => randomBytes(32).toString("base64");
const here = secretContext("integrations", "api_secret", "11111111-1111-4111-8111-111111111111");
const elsewhere = secretContext("integrations", "api_secret", "22222222-2222-4222-8222-222222222222");

/** The format written before payloads were bound to their place (v1: no associated data). */
function encryptV1(plaintext: string, keyring: EncryptionKeyring) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyring.current.key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "v1",
    keyring.current.id,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(":");
}

describe("secret encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const keyring = createKeyring(newKey());
    const payload = encryptSecret("EAAB-page-token", keyring, here);
    expect(payload).toMatch(/^v2:[\w-]{8}:/);
    expect(payload).not.toContain("EAAB-page-token");
    expect(decryptSecret(payload, keyring, here)).toBe("EAAB-page-token");
  });

  it("uses a fresh IV each time", () => {
    const keyring = createKeyring(newKey());
    expect(encryptSecret("same", keyring, here)).not.toBe(encryptSecret("same", keyring, here));
  });

  it("refuses a payload moved to another row or column (bound as associated data)", () => {
    const keyring = createKeyring(newKey());
    const payload = encryptSecret("org-a-secret", keyring, here);
    expect(() => decryptSecret(payload, keyring, elsewhere)).toThrow(/does not belong here/);
    expect(() =>
      decryptSecret(
        payload,
        keyring,
        secretContext("integrations", "access_token", "11111111-1111-4111-8111-111111111111"),
      ),
    ).toThrow();
  });

  it("refuses a truncated authentication tag (GCM would otherwise check only its first bytes)", () => {
    const keyring = createKeyring(newKey());
    const parts = encryptSecret("value", keyring, here).split(":");
    parts[3] = Buffer.from(parts[3], "base64url").subarray(0, 4).toString("base64url");
    expect(() => decryptSecret(parts.join(":"), keyring, here)).toThrow(/Damaged/);
  });

  it("reads v1 payloads only for their migration, and flags them for re-encryption", () => {
    const keyring = createKeyring(newKey());
    const legacy = encryptV1("old-value", keyring);
    expect(() => decryptSecret(legacy, keyring, here)).toThrow(/Not an encrypted secret payload/);
    expect(decryptSecret(legacy, keyring, here, { acceptUnbound: true })).toBe("old-value");
    expect(needsReEncryption(legacy, keyring)).toBe(true);
  });

  it("decrypts with a previous key after rotation and flags the payload for re-encryption", () => {
    const oldKey = newKey();
    const payload = encryptSecret("s3cret", createKeyring(oldKey), here);
    const rotated = createKeyring(newKey(), [oldKey]);
    expect(decryptSecret(payload, rotated, here)).toBe("s3cret");
    expect(needsReEncryption(payload, rotated)).toBe(true);
    expect(needsReEncryption(encryptSecret("s3cret", rotated, here), rotated)).toBe(false);
  });

  it("rejects tampered ciphertext and unknown keys", () => {
    const keyring = createKeyring(newKey());
    const parts = encryptSecret("value", keyring, here).split(":");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join(":"), keyring, here)).toThrow();
    expect(() => decryptSecret(encryptSecret("value", keyring, here), createKeyring(newKey()), here)).toThrow(
      /unknown key/,
    );
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createKeyring(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
