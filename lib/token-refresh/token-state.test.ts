import { describe, expect, it } from "vitest";
import { tokenStateOf } from "./token-state";

const now = new Date("2026-12-03T08:00:00Z");
const options = { now, expiringWithinMs: 10 * 60_000, refreshLeaseMs: 60_000 };
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const row = (columns: Partial<Parameters<typeof tokenStateOf>[0]>) => ({
  needsReauth: false,
  tokenExpiresAt: null,
  refreshStartedAt: null,
  ...columns,
});

describe("tokenStateOf", () => {
  it("needs_reauth wins over everything else", () => {
    expect(
      tokenStateOf(row({ needsReauth: true, tokenExpiresAt: at(3_600_000), refreshStartedAt: at(-1000) }), options),
    ).toBe("needs_reauth");
  });
  it("refreshing while a refresh started within its lease, not after", () => {
    expect(tokenStateOf(row({ refreshStartedAt: at(-30_000), tokenExpiresAt: at(60_000) }), options)).toBe(
      "refreshing",
    );
    expect(tokenStateOf(row({ refreshStartedAt: at(-61_000), tokenExpiresAt: at(60_000) }), options)).toBe("expiring");
  });
  it("no_expiry when no expiry is known", () => {
    expect(tokenStateOf(row({}), options)).toBe("no_expiry");
  });
  it("expiring within the window (and once expired), valid beyond it", () => {
    expect(tokenStateOf(row({ tokenExpiresAt: at(10 * 60_000) }), options)).toBe("expiring");
    expect(tokenStateOf(row({ tokenExpiresAt: at(-1) }), options)).toBe("expiring");
    expect(tokenStateOf(row({ tokenExpiresAt: at(10 * 60_000 + 1) }), options)).toBe("valid");
  });
});
