// Turns a request into an Actor: an API key (`Authorization: Bearer oik_…`) or a next-auth session cookie.
import { decode } from "next-auth/jwt";
import { AppError } from "@/lib/errors";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import type { Actor } from "./actor";
import { findActiveApiKey } from "./api-key-cache";
import { hashApiKey, looksLikeApiKey } from "./api-key-format";
import { assertNotRateLimited, clientIp, recordAuthFailure } from "./rate-limit";
import { sessionCookieName } from "./session-cookie";
import { isSessionCurrent } from "./session-version";

// Writing last_used_at on every call would turn every read into a write; a minute's precision is plenty.
const LAST_USED_PRECISION_MS = 60_000;

const unauthorized = (message = "Authentication required: sign in or send an API key as 'Authorization: Bearer …'") =>
  new AppError("unauthorized", message, { "WWW-Authenticate": 'Bearer realm="org-integrations"' });

export type Authenticated = { actor: Actor; via: "api_key" | "session" };

export async function authenticate(request: Request): Promise<Authenticated> {
  const authorization = request.headers.get("authorization");
  if (authorization) return { actor: await authenticateApiKey(request, authorization), via: "api_key" };
  const session = await readSessionToken(request);
  if (session) {
    const actor = await loadUserActor(session.userId, session.sessionVersion);
    if (actor) return { actor, via: "session" };
  }
  throw unauthorized();
}

async function authenticateApiKey(request: Request, authorization: string): Promise<Actor> {
  const [scheme, key] = authorization.split(/\s+/, 2);
  // Remembered for at most a second per instance, revocation forgets it at once (api-key-cache.ts).
  const apiKey =
    scheme?.toLowerCase() === "bearer" && key && looksLikeApiKey(key) ? await findActiveApiKey(hashApiKey(key)) : null;
  if (!apiKey) {
    // Only failures are limited: keys have 256 random bits, so the limit is against noise and probing, and a valid
    // key keeps working even when someone else (or a forged X-Forwarded-For) used up its address's allowance.
    const ip = clientIp(request);
    await assertNotRateLimited(ip);
    await recordAuthFailure(ip);
    throw unauthorized("Invalid or revoked API key");
  }
  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    // Noted on the remembered key first, so concurrent requests with the same key do not all write it.
    apiKey.lastUsedAt = new Date();
    await db().apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: apiKey.lastUsedAt } });
  }
  return {
    kind: "api_key",
    keyId: apiKey.id,
    orgId: apiKey.orgId,
    role: apiKey.role,
    label: `${apiKey.name} (${apiKey.prefix}…)`,
  };
}

function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return undefined; // a malformed cookie is no session, not a server error
    }
  }
  return undefined;
}

/** The session cookie next-auth is configured to set (only that name: see session-cookie.ts), decoded. */
export async function readSessionToken(request: Request): Promise<{ userId: string; sessionVersion: unknown } | null> {
  const token = readCookie(request, sessionCookieName());
  if (!token) return null;
  const payload = await decode({ token, secret: serverEnv().authSecret }).catch(() => null);
  return payload?.sub ? { userId: payload.sub, sessionVersion: payload.sv } : null;
}

/** The person behind a session, or null when they are gone or the session was revoked (session-version.ts). */
export async function loadUserActor(userId: string, sessionVersion: unknown): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, include: { memberships: true } });
  if (!user || !isSessionCurrent(sessionVersion, user)) return null;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    roles: new Map(user.memberships.map((membership) => [membership.orgId, membership.role])),
  };
}
