// The sweep's choice: due tokens are queued, but not while a run of transient failures is backing off.
import { describe, expect, it } from "vitest";
import type { Integration } from "@/lib/generated/prisma/client";
import { isBackingOff, isRefreshDue } from "./refresh-due";

// The lead time is a server setting; the settings check wants the two secrets any server has.
process.env.ENCRYPTION_KEY ??= "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1sb24=";
process.env.NEXTAUTH_SECRET ??= "unit-test-nextauth-secret-that-is-long-enough";

const now = new Date("2026-12-03T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

function salesforce(overrides: Partial<Integration>): Integration {
  return {
    integrationType: "salesforce",
    needsReauth: false,
    accessToken: "sealed",
    refreshToken: "sealed",
    apiKey: "sealed",
    apiSecret: "sealed",
    tokenExpiresAt: new Date(now.getTime() + 60_000),
    lastRefreshedAt: minutesAgo(60),
    refreshFailures: 0,
    updatedAt: minutesAgo(1),
    ...overrides,
  } as Integration;
}

describe("isRefreshDue", () => {
  it("refreshes a token that expires within the lead time", () => {
    expect(isRefreshDue(salesforce({}), now)).toBe(true);
  });

  it("waits 2^n minutes after the n-th transient failure, at most an hour", () => {
    expect(isBackingOff(salesforce({ refreshFailures: 0, updatedAt: minutesAgo(0) }), now)).toBe(false);
    expect(isBackingOff(salesforce({ refreshFailures: 1, updatedAt: minutesAgo(1) }), now)).toBe(true);
    expect(isBackingOff(salesforce({ refreshFailures: 1, updatedAt: minutesAgo(3) }), now)).toBe(false);
    expect(isBackingOff(salesforce({ refreshFailures: 3, updatedAt: minutesAgo(7) }), now)).toBe(true);
    expect(isBackingOff(salesforce({ refreshFailures: 3, updatedAt: minutesAgo(9) }), now)).toBe(false);
    expect(isBackingOff(salesforce({ refreshFailures: 20, updatedAt: minutesAgo(59) }), now)).toBe(true);
    expect(isBackingOff(salesforce({ refreshFailures: 20, updatedAt: minutesAgo(61) }), now)).toBe(false);
  });

  it("never refreshes an integration that needs reconnecting", () => {
    expect(isRefreshDue(salesforce({ needsReauth: true }), now)).toBe(false);
  });
});
