// API keys for external frontends: `oik_` + 32 random bytes. The prefix makes leaked keys recognisable (secret
// scanners, logs); only a sha256 of the key is stored, and the key is shown once, when it is created.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "oik_";
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export function generateApiKey(): { key: string; displayPrefix: string; keyHash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, displayPrefix: key.slice(0, DISPLAY_PREFIX_LENGTH), keyHash: hashApiKey(key) };
}

// A fast hash is right here: the key has 256 random bits, so there is nothing to brute-force.
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length > DISPLAY_PREFIX_LENGTH && value.length < 200;
}
