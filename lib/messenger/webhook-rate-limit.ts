// Limits on the public webhook. Meta's own traffic is large and bursty while forged traffic is what we want to stop,
// so what a request counts against depends on what it proved:
// - a delivery that verified (or that an integration accepted as an opted-in unsigned test delivery) counts against
//   the org's generous ceiling (WEBHOOK_RATE_LIMIT_PER_MINUTE, default 12,000 = 200/s sustained, far above what one
//   org's Pages get from Meta, who batches under load). Past it Meta gets 429 and retries later. Only verified
//   traffic counts, so nobody without the App Secret can use it up and lock Meta's deliveries out.
// - a rejected request (a delivery nobody accepted, a failed verify handshake) counts against a tight allowance per
//   org AND per client address (one address spraying many org ids). Past either, rejections answer 429 instead of
//   401/403, unsigned posts and verify handshakes are refused before the database is read, and a handshake is refused
//   even with the right token (so the limit is no oracle). A post that carries a well-formed signature is never
//   refused by these allowances: it may be Meta's, and Meta's deliveries must not depend on what forgers send.
// Keyed by the org_id of the URL, known or not, so the answers say nothing about which organizations exist.
// In memory, or in Redis when REDIS_URL is set (shared by every instance), like lib/auth/rate-limit.ts.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { envSetting, serverEnv } from "@/lib/config/server-env";

export const REJECTED_DELIVERIES_PER_MINUTE = 60;
export const REJECTED_PER_ADDRESS_PER_MINUTE = 60;

/** Who a webhook request is counted against: the org of its URL and the client address (lib/auth/rate-limit.ts clientIp). */
export type WebhookCaller = { orgId: string; clientAddress: string };
/** What was refused, for the wording of the 429. */
type RejectedKind = "deliveries" | "verifications";

type Limiters = {
  deliveries: RateLimiterAbstract;
  rejectedByOrg: RateLimiterAbstract;
  rejectedByAddress: RateLimiterAbstract;
};
// `redis` is the same slot lib/auth/rate-limit.ts fills: one connection per process, whoever needs it first.
const globalForLimits = globalThis as unknown as { webhookLimiters?: Limiters; redis?: Redis };

function createLimiter(points: number, keyPrefix: string): RateLimiterAbstract {
  const options = { points, duration: 60 };
  const redisUrl = envSetting("REDIS_URL");
  if (!redisUrl) return new RateLimiterMemory({ ...options, keyPrefix });
  globalForLimits.redis ??= new Redis(redisUrl, {
    enableOfflineQueue: true,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
  });
  // If Redis is unreachable, count in memory rather than letting every delivery (or none) through.
  const insuranceLimiter = new RateLimiterMemory({ ...options, keyPrefix });
  return new RateLimiterRedis({
    ...options,
    storeClient: globalForLimits.redis,
    keyPrefix: `oi:${keyPrefix}`,
    insuranceLimiter,
  });
}

function limiters(): Limiters {
  globalForLimits.webhookLimiters ??= {
    deliveries: createLimiter(serverEnv().WEBHOOK_RATE_LIMIT_PER_MINUTE, "webhook-org"),
    rejectedByOrg: createLimiter(REJECTED_DELIVERIES_PER_MINUTE, "webhook-rejected"),
    rejectedByAddress: createLimiter(REJECTED_PER_ADDRESS_PER_MINUTE, "webhook-rejected-ip"),
  };
  return globalForLimits.webhookLimiters;
}

function rateLimited(message: string, ms: number) {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError("rate_limited", `${message} Try again in ${seconds} seconds.`, {
    "Retry-After": String(seconds),
  });
}

const tooManyDeliveries = (ms: number) => rateLimited("Too many webhook deliveries for this organization.", ms);

function tooManyRejected(kind: RejectedKind, scope: "org" | "address", ms: number) {
  const what = kind === "deliveries" ? "rejected webhook deliveries" : "failed webhook verifications";
  return rateLimited(`Too many ${what} ${scope === "org" ? "for this organization" : "from this address"}.`, ms);
}

const isOver = (state: RateLimiterRes | null, points: number) => Boolean(state && state.consumedPoints >= points);

/** Without counting: 429 when the org or the address has used up its allowance of rejected requests. */
async function assertRejectionsLeft(caller: WebhookCaller, kind: RejectedKind) {
  const [byOrg, byAddress] = await Promise.all([
    limiters().rejectedByOrg.get(caller.orgId),
    limiters().rejectedByAddress.get(caller.clientAddress),
  ]);
  if (isOver(byOrg, REJECTED_DELIVERIES_PER_MINUTE)) throw tooManyRejected(kind, "org", byOrg!.msBeforeNext);
  if (isOver(byAddress, REJECTED_PER_ADDRESS_PER_MINUTE))
    throw tooManyRejected(kind, "address", byAddress!.msBeforeNext);
}

/**
 * Before the body is read or the database touched, so a flood is turned away at the cheapest point: 429 when the org
 * is over its ceiling of accepted deliveries (only verified traffic got it there), or when a post without a
 * well-formed signature comes while its org or address is out of rejected allowance. Counts nothing.
 */
export async function assertWebhookAllowance(options: WebhookCaller & { hasSignature: boolean }) {
  const accepted = await limiters().deliveries.get(options.orgId);
  if (isOver(accepted, serverEnv().WEBHOOK_RATE_LIMIT_PER_MINUTE)) throw tooManyDeliveries(accepted!.msBeforeNext);
  if (!options.hasSignature) await assertRejectionsLeft(options, "deliveries");
}

/** Counts a delivery that verified (or was accepted unsigned by an opted-in integration); 429 past the ceiling. */
export async function countAcceptedDelivery(orgId: string) {
  try {
    await limiters().deliveries.consume(orgId);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyDeliveries(error.msBeforeNext);
    throw error;
  }
}

/** Before a verify handshake's token is looked at: 429 once the org or the address is out of rejected allowance. */
export async function assertVerificationAllowance(caller: WebhookCaller) {
  await assertRejectionsLeft(caller, "verifications");
}

/** Counts one rejected request against its org and address; throws 429 once either allowance is used up (the caller throws its 401/403 otherwise). */
export async function recordRejectedRequest(caller: WebhookCaller, kind: RejectedKind = "deliveries") {
  const results = await Promise.allSettled([
    limiters().rejectedByOrg.consume(caller.orgId),
    limiters().rejectedByAddress.consume(caller.clientAddress),
  ]);
  const [byOrg, byAddress] = results.map((result) => (result.status === "rejected" ? result.reason : null));
  for (const [failure, scope] of [
    [byOrg, "org"],
    [byAddress, "address"],
  ] as const) {
    if (failure instanceof RateLimiterRes) throw tooManyRejected(kind, scope, failure.msBeforeNext);
    if (failure) throw failure;
  }
}
