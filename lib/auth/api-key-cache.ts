// Who an API key is, remembered for a moment, so a request does not spend a database round trip (about a third of
// a small request's CPU, see docs/performance.md) on it. Revocation stays prompt and bounded on every instance:
//
// - each instance re-confirms the keys it remembers in ONE query every CONFIRM_EVERY_MS (by primary key, only while
//   keys are in use), and uses a remembered key only if it was confirmed within API_KEY_CACHE_BOUND_MS. So a key
//   revoked anywhere — another instance, a script, by hand in SQL — stops working here within that bound, even when
//   the confirming query fails (unconfirmed keys are simply read again);
// - the instance that revokes forgets the keys at once (forgetApiKeys, called by the revocation itself), and does
//   not remember them again for the bound, so a request racing the revoking transaction cannot re-cache them.
//
// Only active keys are remembered: a key created a moment ago works at once, and failures stay rate-limited.
// The state lives on globalThis so every route bundle of the process shares one cache (and one forget).
import { db } from "@/lib/db/prisma";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger } from "@/lib/logging/logger";

export const API_KEY_CACHE_BOUND_MS = 1_000;
const CONFIRM_EVERY_MS = 400;
// Keys not used for this long are dropped rather than confirmed forever.
const IDLE_MS = 10_000;
const MAX_ENTRIES = 10_000;

export type ActiveApiKey = {
  id: string;
  orgId: string;
  role: Role;
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
};
type Entry = { key: ActiveApiKey; confirmedAt: number; usedAt: number };

type CacheState = {
  entries: Map<string, Entry>;
  /** Bumped by forgetApiKeys: a lookup that started before it must not store what it read. */
  generation: number;
  /** Ids forgotten recently (until when): not cached again while the revoking transaction may still be open. */
  forgotten: Map<string, number>;
  timer: NodeJS.Timeout | null;
};

const globalForCache = globalThis as unknown as { apiKeyCache?: CacheState };
const state = (globalForCache.apiKeyCache ??= { entries: new Map(), generation: 0, forgotten: new Map(), timer: null });

const KEY_COLUMNS = {
  id: true,
  orgId: true,
  role: true,
  name: true,
  prefix: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** The active key with this hash (remembered, or read from the database), or null when unknown or revoked. */
export async function findActiveApiKey(keyHash: string): Promise<ActiveApiKey | null> {
  const startedAt = Date.now();
  const entry = state.entries.get(keyHash);
  if (entry && startedAt - entry.confirmedAt < API_KEY_CACHE_BOUND_MS) {
    entry.usedAt = startedAt;
    return entry.key;
  }
  const generation = state.generation;
  const row = await db().apiKey.findUnique({ where: { keyHash }, select: KEY_COLUMNS });
  if (!row || row.revokedAt) {
    state.entries.delete(keyHash);
    return null;
  }
  const key: ActiveApiKey = {
    id: row.id,
    orgId: row.orgId,
    role: row.role,
    name: row.name,
    prefix: row.prefix,
    lastUsedAt: row.lastUsedAt,
  };
  if (generation === state.generation && !isRecentlyForgotten(row.id) && state.entries.size < MAX_ENTRIES) {
    // Confirmed as of when the read began: the snapshot it saw is at least that recent.
    state.entries.set(keyHash, { key, confirmedAt: startedAt, usedAt: startedAt });
    scheduleConfirm();
  }
  return key;
}

/**
 * Called inside the transaction that revokes keys: forgets them in this process at once. Other instances drop
 * them at their next confirmation (within API_KEY_CACHE_BOUND_MS).
 */
export function forgetApiKeys(ids: readonly string[]): void {
  if (!ids.length) return;
  state.generation += 1;
  const until = Date.now() + API_KEY_CACHE_BOUND_MS;
  for (const id of ids) state.forgotten.set(id, until);
  for (const [hash, entry] of state.entries) if (ids.includes(entry.key.id)) state.entries.delete(hash);
}

/** Empties the cache of this process (tests). */
export function clearApiKeyCache(): void {
  state.generation += 1;
  state.entries.clear();
}

function isRecentlyForgotten(id: string): boolean {
  const until = state.forgotten.get(id);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  state.forgotten.delete(id);
  return false;
}

function scheduleConfirm() {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    void confirmRemembered().finally(() => {
      state.timer = null;
      if (state.entries.size) scheduleConfirm();
    });
  }, CONFIRM_EVERY_MS);
  state.timer.unref();
}

/** One query for every remembered key: still active with the same org and role → confirmed now; else forgotten. */
async function confirmRemembered() {
  const startedAt = Date.now();
  for (const [hash, entry] of state.entries) if (startedAt - entry.usedAt > IDLE_MS) state.entries.delete(hash);
  for (const [id, until] of state.forgotten) if (until <= startedAt) state.forgotten.delete(id);
  const checked = new Map([...state.entries].map(([hash, entry]) => [hash, entry]));
  if (!checked.size) return;
  try {
    const ids = [...new Set([...checked.values()].map((entry) => entry.key.id))];
    const rows = await db().apiKey.findMany({
      where: { id: { in: ids }, revokedAt: null },
      select: { id: true, orgId: true, role: true },
    });
    const active = new Map(rows.map((row) => [row.id, row]));
    for (const [hash, entry] of checked) {
      const row = active.get(entry.key.id);
      if (state.entries.get(hash) !== entry) continue; // replaced or dropped meanwhile
      if (!row || row.orgId !== entry.key.orgId || row.role !== entry.key.role) state.entries.delete(hash);
      else entry.confirmedAt = Math.max(entry.confirmedAt, startedAt);
    }
  } catch (error) {
    // Unconfirmed keys go stale within the bound and are read again per request: safe, only slower.
    logger.warn({ err: error }, "could not confirm remembered API keys");
  }
}
