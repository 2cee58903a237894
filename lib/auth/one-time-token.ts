// One-time links (invites, password resets): 32 random bytes behind a prefix that names their kind. Only the sha256
// is stored — like API keys, the token has 256 random bits, so a fast hash leaves nothing to brute-force — and the
// link is shown once, to whoever created it.
import { createHash, randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/config/server-env";

export type OneTimeTokenKind = "invite" | "password_reset";
const PREFIXES: Record<OneTimeTokenKind, string> = { invite: "oiv_", password_reset: "oir_" };
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateOneTimeToken(kind: OneTimeTokenKind): { token: string; tokenHash: string } {
  const token = `${PREFIXES[kind]}${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether `token` could be one of ours: anything else is refused without a database lookup. */
export function isOneTimeToken(kind: OneTimeTokenKind, token: string): boolean {
  return token.startsWith(PREFIXES[kind]) && TOKEN_PATTERN.test(token.slice(PREFIXES[kind].length));
}

/**
 * The row behind a link's token while the link is open (not used, revoked or expired), else null. A token of another
 * kind is refused without a database lookup.
 */
export async function findOpenLink<T extends { revokedAt: Date | null; expiresAt: Date }>(
  kind: OneTimeTokenKind,
  token: string,
  findByHash: (tokenHash: string) => PromiseLike<T | null>,
  usedAt: (link: T) => Date | null,
): Promise<T | null> {
  if (!isOneTimeToken(kind, token)) return null;
  const link = await findByHash(hashOneTimeToken(token));
  if (!link || usedAt(link) || link.revokedAt || link.expiresAt <= new Date()) return null;
  return link;
}

/** The address people open: NEXTAUTH_URL is where they reach the admin UI; PUBLIC_BASE_URL otherwise. */
export function publicPageUrl(path: string): string {
  const env = serverEnv();
  return new URL(path, env.NEXTAUTH_URL ?? env.PUBLIC_BASE_URL).toString();
}
