// Passwords: scrypt (memory-hard, in node:crypto). Stored as `scrypt$N$r$p$salt$hash`, so the cost can be raised and
// older hashes still verify; a hash below the current cost is replaced at the next successful sign-in (needsRehash).
import { availableParallelism } from "node:os";
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { AppError } from "@/lib/errors";

// N = 2^17, r = 8: 128 MiB and ≈ 0.35–0.5 s per hash on this project's 2-core machine (docs/security.md).
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
export { MIN_PASSWORD_LENGTH } from "@/lib/validations/password";

// Each hash holds 128 MiB while it runs: at most one per core at a time, so a burst of sign-ins queues instead of
// taking the memory (and libuv's 4 worker threads) of the whole server. The queue is bounded too: 32 waiting is
// ≈ 6–8 s of work here; beyond it a sign-in is refused at once (503, "busy") rather than holding its request, its
// password and a place in an ever longer line — a flood of sign-ins (no account needed) must not grow it without end.
export const MAX_CONCURRENT_HASHES = Math.min(4, Math.max(1, availableParallelism()));
export const MAX_WAITING_HASHES = 32;
export const SIGN_IN_BUSY_MESSAGE = "The server is busy checking passwords. Try again in a moment.";
let running = 0;
const waiting: (() => void)[] = [];

/** The hash queue is full: nothing was hashed, so nothing was learned about the password. */
export const isHashQueueFull = (error: unknown) => error instanceof AppError && error.message === SIGN_IN_BUSY_MESSAGE;

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < MAX_CONCURRENT_HASHES) running++;
  else if (waiting.length >= MAX_WAITING_HASHES)
    throw new AppError("unavailable", SIGN_IN_BUSY_MESSAGE, { "Retry-After": "1" });
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next)
      next(); // the slot passes straight to the next in line
    else running--;
  }
}

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // maxmem must exceed 128 · N · r bytes (exactly 128 MiB at the current cost), or node refuses.
  const maxmem = 128 * options.N! * options.r! * 2;
  return withHashSlot(
    () =>
      new Promise((resolve, reject) =>
        scryptCallback(password, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, COST);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

function parseStored(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const isValid =
    scheme === "scrypt" && salt && hash && Object.values(cost).every((value) => Number.isInteger(value) && value > 0);
  // Stored hashes are ours, but a cost far above the current one would let a bad row stall the server.
  return isValid && cost.N <= COST.N * 4 && cost.r <= 32 && cost.p <= 4 ? { cost, salt, hash } : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, "base64url");
  const actual = await scrypt(password, Buffer.from(parsed.salt, "base64url"), parsed.cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when the stored hash was made with weaker settings than hashPassword uses today. */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  return !parsed || parsed.cost.N < COST.N || parsed.cost.r < COST.r || parsed.cost.p < COST.p;
}

/** Compared against when the email is unknown, so a wrong email takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash() {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex")).catch((error) => {
    dummyHash = undefined; // e.g. the queue was full: made again next time, not a failure kept forever
    throw error;
  });
  return dummyHash;
}
