// The rows behind "Connect" states: created when a sign-in starts, consumed exactly once by one atomic UPDATE.
// `secret` (the PKCE verifier, later Facebook's user token) is sealed to its row like every secret here.
import { randomUUID } from "node:crypto";
import { serverEnv } from "@/lib/config/server-env";
import { decryptSecret, encryptSecret, secretContext } from "@/lib/crypto/secrets";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/prisma";
import type { TIntegrationType } from "@/lib/providers/integration-types";
import { OAuthFlowError } from "./oauth-flow-error";
import { signState, verifyState, type TStateClaims } from "./state-token";

/** How long a person may take at the provider (and on the Page picker) before starting again. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;
// Rows are useless once expired; they are swept when new sign-ins start, after a margin for clock skew.
const SWEEP_AFTER_MS = 60 * 60_000;
// Sign-ins one person may have open at once: plenty for tabs and retries, and a bound on rows anyone can make.
export const MAX_OPEN_STATES_PER_USER = 20;

const contextOf = (id: string) => secretContext("oauth_states", "secret", id);

type NewState = {
  orgId: string;
  userId: string;
  type: TIntegrationType;
  integrationId: string | null;
  name: string | null;
  stage: TStateClaims["stg"];
  secret: string;
};

/** Stores the row and answers the signed state that names it. */
export async function createOAuthState(input: NewState): Promise<string> {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + OAUTH_STATE_TTL_MS);
  await db().oAuthState.deleteMany({ where: { expiresAt: { lt: new Date(Date.now() - SWEEP_AFTER_MS) } } });
  const open = await db().oAuthState.count({
    where: { userId: input.userId, consumedAt: null, expiresAt: { gt: new Date() } },
  });
  if (open >= MAX_OPEN_STATES_PER_USER) {
    throw new AppError("rate_limited", "Too many sign-ins are in progress; finish one or wait 10 minutes", {
      "Retry-After": String(OAUTH_STATE_TTL_MS / 1000),
    });
  }
  await db().oAuthState.create({
    data: {
      id,
      orgId: input.orgId,
      userId: input.userId,
      integrationType: input.type,
      integrationId: input.integrationId,
      name: input.name,
      stage: input.stage,
      secret: encryptSecret(input.secret, serverEnv().keyring, contextOf(id)),
      expiresAt,
    },
  });
  return signState({
    sid: id,
    org: input.orgId,
    usr: input.userId,
    typ: input.type,
    iid: input.integrationId,
    stg: input.stage,
    exp: Math.floor(expiresAt.getTime() / 1000),
  });
}

export type OpenedState = { claims: TStateClaims; name: string | null; secret: string };

/**
 * The claims of a state this person may use now: signed by us, for this stage, not expired, theirs, and — when the
 * caller names one — for this organization. Checks only; see consumeOAuthState for using it.
 */
export function checkState(
  token: string,
  expect: { userId: string; stage: TStateClaims["stg"]; orgId?: string },
): TStateClaims {
  const claims = verifyState(token);
  if (claims.stg !== expect.stage) throw new OAuthFlowError("invalid_state");
  if (claims.exp * 1000 <= Date.now()) throw new OAuthFlowError("expired_state");
  if (claims.usr !== expect.userId || (expect.orgId !== undefined && claims.org !== expect.orgId))
    throw new OAuthFlowError("wrong_user");
  return claims;
}

type StateRow = { secret: string; name: string | null };

/** Marks the state used and answers its secret; a second use (even at the same instant) finds nothing. */
export async function consumeOAuthState(claims: TStateClaims): Promise<OpenedState> {
  // One UPDATE: of two concurrent callbacks with the same state, exactly one gets the row back.
  const rows = await db().$queryRaw<StateRow[]>`
    UPDATE oauth_states SET consumed_at = now()
    WHERE id = ${claims.sid}::uuid AND consumed_at IS NULL AND expires_at > now()
      AND org_id = ${claims.org}::uuid AND user_id = ${claims.usr}::uuid AND stage = ${claims.stg}
    RETURNING secret, name`;
  if (rows.length === 0) throw await whyUnusable(claims.sid);
  return {
    claims,
    name: rows[0].name,
    secret: decryptSecret(rows[0].secret, serverEnv().keyring, contextOf(claims.sid)),
  };
}

/** Reads the state's secret without using it up (the Page picker lists Pages before one is chosen). */
export async function peekOAuthState(claims: TStateClaims): Promise<OpenedState> {
  const row = await db().oAuthState.findFirst({
    where: {
      id: claims.sid,
      orgId: claims.org,
      userId: claims.usr,
      stage: claims.stg,
      consumedAt: null,
      expiresAt: { gt: new Date() },
    },
    select: { secret: true, name: true },
  });
  if (!row) throw await whyUnusable(claims.sid);
  return { claims, name: row.name, secret: decryptSecret(row.secret, serverEnv().keyring, contextOf(claims.sid)) };
}

async function whyUnusable(id: string): Promise<OAuthFlowError> {
  const row = await db().oAuthState.findUnique({ where: { id }, select: { consumedAt: true, expiresAt: true } });
  if (row?.consumedAt) return new OAuthFlowError("used_state");
  if (row && row.expiresAt.getTime() <= Date.now()) return new OAuthFlowError("expired_state");
  return new OAuthFlowError("invalid_state");
}
