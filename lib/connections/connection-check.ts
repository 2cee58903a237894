import type { Integration, Prisma } from "@/lib/generated/prisma/client";

/**
 * What one provider check found. `changes` are written with the result (needs_reauth); `checkedRow` is the version
 * of the integration the last call used, when the refresh engine stored fresh tokens during the check.
 */
export type CheckResult =
  | { ok: true; details: Record<string, unknown>; changes?: Prisma.IntegrationUpdateInput; checkedRow?: Integration }
  | {
      ok: false;
      error: string;
      needsReauth?: boolean;
      changes?: Prisma.IntegrationUpdateInput;
      details?: Record<string, unknown>;
      checkedRow?: Integration;
    };

export type ConnectionCheck = (integration: Integration) => Promise<CheckResult>;

export const notConfigured = (what: string): CheckResult => ({
  ok: false,
  error: `${what} is not set on this integration`,
});
