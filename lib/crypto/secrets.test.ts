import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, decryptSecret, encryptSecret, isEncryptedWithOldKey } from "./secrets";

const newKey = () => randomBytes(32).toString("base64");

describe("secret encryption", () => {
  it("round-trips and never contains the plaintext", () => {
    const keyring = createKeyring(newKey());
    const payload = encryptSecret("EAAB-page-token", keyring);
    expect(payload).toMatch(/^v1:[\w-]{8}:/);
    expect(payload).not.toContain("EAAB-page-token");
    expect(decryptSecret(payload, keyring)).toBe("EAAB-page-token");
  });

  it("uses a fresh IV each time", () => {
    const keyring = createKeyring(newKey());
    expect(encryptSecret("same", keyring)).not.toBe(encryptSecret("same", keyring));
  });

  it("decrypts with a previous key after rotation and flags the payload for re-encryption", () => {
    const oldKey = newKey();
    const payload = encryptSecret("s3cret", createKeyring(oldKey));
    const rotated = createKeyring(newKey(), [oldKey]);
    expect(decryptSecret(payload, rotated)).toBe("s3cret");
    expect(isEncryptedWithOldKey(payload, rotated)).toBe(true);
    expect(isEncryptedWithOldKey(encryptSecret("s3cret", rotated), rotated)).toBe(false);
  });

  it("rejects tampered ciphertext and unknown keys", () => {
    const keyring = createKeyring(newKey());
    const parts = encryptSecret("value", keyring).split(":");
    parts[4] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join(":"), keyring)).toThrow();
    expect(() => decryptSecret(encryptSecret("value", keyring), createKeyring(newKey()))).toThrow(/unknown key/);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => createKeyring(Buffer.alloc(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
