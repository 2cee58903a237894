// Limits on guessing: failed sign-ins and failed API keys, per client IP and per account. In memory by default;
// in Redis when REDIS_URL is set, so every app instance counts the same failures.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { envSetting, serverEnv } from "@/lib/config/server-env";
import { clientAddressFrom } from "./client-address";

export const FAILURES_PER_MINUTE = 10;

type Limiters = { byIp: RateLimiterAbstract; byAccount: RateLimiterAbstract };
const globalForLimits = globalThis as unknown as { authLimiters?: Limiters; redis?: Redis };

function createLimiters(): Limiters {
  const options = { points: FAILURES_PER_MINUTE, duration: 60 };
  const redisUrl = envSetting("REDIS_URL");
  if (!redisUrl) {
    return {
      byIp: new RateLimiterMemory({ ...options, keyPrefix: "auth-ip" }),
      byAccount: new RateLimiterMemory({ ...options, keyPrefix: "auth-account" }),
    };
  }
  // Commands wait for the connection (the first requests after start must count in Redis too) but never for long:
  // past the timeout the in-memory insurance limiter below takes over.
  globalForLimits.redis ??= new Redis(redisUrl, {
    enableOfflineQueue: true,
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
  });
  const storeClient = globalForLimits.redis;
  // If Redis is unreachable, fall back to counting in memory rather than letting everyone (or no one) in.
  const insurance = (keyPrefix: string) => new RateLimiterMemory({ ...options, keyPrefix });
  return {
    byIp: new RateLimiterRedis({
      ...options,
      storeClient,
      keyPrefix: "oi:auth-ip",
      insuranceLimiter: insurance("auth-ip"),
    }),
    byAccount: new RateLimiterRedis({
      ...options,
      storeClient,
      keyPrefix: "oi:auth-account",
      insuranceLimiter: insurance("auth-account"),
    }),
  };
}

function limiters(): Limiters {
  globalForLimits.authLimiters ??= createLimiters();
  return globalForLimits.authLimiters;
}

export const TOO_MANY_ATTEMPTS_PREFIX = "Too many failed attempts.";

function tooManyAttempts(retryAfterMs: number) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError("rate_limited", `${TOO_MANY_ATTEMPTS_PREFIX} Try again in ${seconds} seconds.`, {
    "Retry-After": String(seconds),
  });
}

/** Throws 429 if this IP or account is already over its limit (checked before the credential is even looked at). */
export async function assertNotRateLimited(ip: string, account?: string) {
  const checks = [limiters().byIp.get(ip), account ? limiters().byAccount.get(account.toLowerCase()) : null];
  for (const state of await Promise.all(checks)) {
    if (state && state.consumedPoints >= FAILURES_PER_MINUTE) throw tooManyAttempts(state.msBeforeNext);
  }
}

/** Counts one failure; throws 429 when this failure used up the allowance. */
export async function recordAuthFailure(ip: string, account?: string) {
  await consumeAll(ip, account);
}

/**
 * A sign-in attempt takes its point before the password is looked at, and gives it back only if the password was
 * right: guesses sent all at once cannot all pass a check made before any of them failed, and an attempt past the
 * allowance is refused (429) without any password hashing.
 */
export async function claimSignInAttempt(ip: string | undefined, account: string) {
  await consumeAll(ip, account);
}

export async function refundSignInAttempt(ip: string | undefined, account: string) {
  await Promise.all([ip ? limiters().byIp.reward(ip) : null, limiters().byAccount.reward(account.toLowerCase())]);
}

async function consumeAll(ip: string | undefined, account: string | undefined) {
  try {
    await Promise.all([
      ip ? limiters().byIp.consume(ip) : null,
      account ? limiters().byAccount.consume(account.toLowerCase()) : null,
    ]);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyAttempts(error.msBeforeNext);
    throw error;
  }
}

/** The client's address as far as our own proxies vouch for it (TRUSTED_PROXY_HOPS; see client-address.ts). */
export function clientIp(request: { headers: Headers }): string {
  return clientAddressFrom(request.headers.get("x-forwarded-for"), serverEnv().TRUSTED_PROXY_HOPS);
}
