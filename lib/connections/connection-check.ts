import type { Integration, Prisma } from "@/lib/generated/prisma/client";

/** What one provider check found. `changes` are written with the result (e.g. a rotated Salesforce refresh token). */
export type CheckResult =
  | { ok: true; details: Record<string, unknown>; changes?: Prisma.IntegrationUpdateInput }
  | { ok: false; error: string; needsReauth?: boolean; changes?: Prisma.IntegrationUpdateInput; details?: Record<string, unknown> };

export type ConnectionCheck = (integration: Integration) => Promise<CheckResult>;

export const notConfigured = (what: string): CheckResult => ({ ok: false, error: `${what} is not set on this integration` });
