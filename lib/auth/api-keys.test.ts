import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, looksLikeApiKey } from "./api-key-format";
import { hashPassword, verifyPassword } from "./password";

describe("API key format", () => {
  it("is prefixed, long, and stored only as its hash", () => {
    const { key, displayPrefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^oik_[\w-]{43}$/);
    expect(key.startsWith(displayPrefix)).toBe(true);
    expect(keyHash).toBe(hashApiKey(key));
    expect(keyHash).not.toContain(key.slice(4));
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey("Bearer nope")).toBe(false);
  });

  it("never repeats", () => {
    expect(generateApiKey().key).not.toBe(generateApiKey().key);
  });
});

describe("password hashing", () => {
  it("verifies the right password only", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterz", stored)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });
});
