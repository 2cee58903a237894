// Per-organization limits on the public webhook. Two counters, because Meta's own traffic is large and bursty
// while forged traffic is what we want to stop:
// - every delivery counts against a generous ceiling (WEBHOOK_RATE_LIMIT_PER_MINUTE, default 12,000 = 200/s
//   sustained, far above what one org's Pages get from Meta, who batches under load). Checked before any database
//   work, so a flood costs no queries; past it Meta gets 429 and retries later.
// - rejected deliveries (no or a wrong signature) count against a tight allowance. Past it a rejection answers 429
//   instead of 401, and unsigned posts are refused before the database is read. A valid signature is never blocked
//   by it, so whoever forges posts cannot lock Meta's real deliveries out.
// Keyed by the org_id of the URL, known or not, so the answers say nothing about which organizations exist.
// In memory, or in Redis when REDIS_URL is set (shared by every instance), like lib/auth/rate-limit.ts.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/api/errors";
import { serverEnv } from "@/lib/config/server-env";

export const REJECTED_DELIVERIES_PER_MINUTE = 60;

type Limiters = { deliveries: RateLimiterAbstract; rejections: RateLimiterAbstract };
// `redis` is the same slot lib/auth/rate-limit.ts fills: one connection per process, whoever needs it first.
const globalForLimits = globalThis as unknown as { webhookLimiters?: Limiters; redis?: Redis };

function createLimiter(points: number, keyPrefix: string): RateLimiterAbstract {
  const options = { points, duration: 60 };
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) return new RateLimiterMemory({ ...options, keyPrefix });
  globalForLimits.redis ??= new Redis(redisUrl, { enableOfflineQueue: true, commandTimeout: 500, maxRetriesPerRequest: 1 });
  // If Redis is unreachable, count in memory rather than letting every delivery (or none) through.
  const insuranceLimiter = new RateLimiterMemory({ ...options, keyPrefix });
  return new RateLimiterRedis({ ...options, storeClient: globalForLimits.redis, keyPrefix: `oi:${keyPrefix}`, insuranceLimiter });
}

function limiters(): Limiters {
  globalForLimits.webhookLimiters ??= {
    deliveries: createLimiter(serverEnv().WEBHOOK_RATE_LIMIT_PER_MINUTE, "webhook-org"),
    rejections: createLimiter(REJECTED_DELIVERIES_PER_MINUTE, "webhook-rejected"),
  };
  return globalForLimits.webhookLimiters;
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function tooManyDeliveries(ms: number) {
  const seconds = secondsOf(ms);
  return new AppError("rate_limited", `Too many webhook deliveries for this organization. Try again in ${seconds} seconds.`, { "Retry-After": String(seconds) });
}

function tooManyRejected(ms: number) {
  const seconds = secondsOf(ms);
  return new AppError("rate_limited", `Too many rejected webhook deliveries for this organization. Try again in ${seconds} seconds.`, {
    "Retry-After": String(seconds),
  });
}

/** Counts one delivery against the org's ceiling (429 past it); refuses an unsigned one once rejections ran out. */
export async function assertWebhookAllowance(options: { orgId: string; isSigned: boolean }) {
  try {
    await limiters().deliveries.consume(options.orgId);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyDeliveries(error.msBeforeNext);
    throw error;
  }
  if (options.isSigned) return;
  const rejected = await limiters().rejections.get(options.orgId);
  if (rejected && rejected.consumedPoints >= REJECTED_DELIVERIES_PER_MINUTE) throw tooManyRejected(rejected.msBeforeNext);
}

/** Counts one rejected delivery; throws 429 once the org's allowance is used up (the caller throws its 401 otherwise). */
export async function recordRejectedDelivery(orgId: string) {
  try {
    await limiters().rejections.consume(orgId);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyRejected(error.msBeforeNext);
    throw error;
  }
}
