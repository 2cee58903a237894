import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  hashPassword,
  isHashQueueFull,
  MAX_CONCURRENT_HASHES,
  MAX_WAITING_HASHES,
  needsRehash,
  verifyPassword,
} from "./password";

const hashAt = (password: string, N: number) => {
  const salt = randomBytes(16);
  return [
    "scrypt",
    N,
    8,
    1,
    salt.toString("base64url"),
    scryptSync(password, salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 }).toString("base64url"),
  ].join("$");
};

describe("password hash cost", () => {
  it("is scrypt N=2^17, r=8, p=1 for new hashes, which need no rehash", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(stored)).toBe(false);
  });

  it("still verifies older, cheaper hashes, and marks them for a rehash", async () => {
    const old = hashAt("correct horse battery", 2 ** 15);
    expect(await verifyPassword("correct horse battery", old)).toBe(true);
    expect(await verifyPassword("correct horse batterz", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash("garbage")).toBe(true);
  });

  it("refuses stored parameters that are malformed or absurdly expensive instead of running them", async () => {
    expect(await verifyPassword("x", "scrypt$abc$8$1$c2FsdA$aGFzaA")).toBe(false);
    expect(await verifyPassword("x", `scrypt$${2 ** 24}$8$1$c2FsdA$aGFzaA`)).toBe(false);
  });
});

describe("the hash queue", () => {
  it("holds at most MAX_WAITING_HASHES waiting hashes: the ones beyond are refused at once as busy (503)", async () => {
    const cheap = hashAt("queued", 2 ** 10);
    const total = MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES + 5;
    const results = await Promise.allSettled(Array.from({ length: total }, () => verifyPassword("queued", cheap)));
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(results.filter((result) => result.status === "fulfilled" && result.value === true)).toHaveLength(total - 5);
    expect(refused).toHaveLength(5);
    for (const error of refused) {
      expect(isHashQueueFull(error)).toBe(true);
      expect(error).toMatchObject({ code: "unavailable", headers: { "Retry-After": "1" } });
      expect(error).toBeInstanceOf(AppError);
    }
    // The queue drained: a new hash is accepted again.
    expect(await verifyPassword("queued", cheap)).toBe(true);
  });
});
