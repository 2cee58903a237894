// The `state` of a "Connect" sign-in: a signed claim naming one oauth_states row and what it is bound to (org,
// person, intent, stage, expiry). Signed with HMAC-SHA256 under a key derived from NEXTAUTH_SECRET, so nobody can
// make one up or change what it names; the row makes it single-use (oauth-state-store.ts).
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { serverEnv } from "@/lib/config/server-env";
import { ZIntegrationType } from "@/lib/providers/integration-types";
import { OAuthFlowError } from "./oauth-flow-error";

export const ZStateClaims = z.strictObject({
  sid: z.uuid(),
  org: z.uuid(),
  usr: z.uuid(),
  typ: ZIntegrationType,
  /** The integration a "Reconnect" renews; null for a new integration. */
  iid: z.uuid().nullable(),
  stg: z.enum(["authorize", "pick_page"]),
  /** Unix seconds. */
  exp: z.number().int(),
});
export type TStateClaims = z.infer<typeof ZStateClaims>;

let cachedKey: { secret: string; key: Buffer } | undefined;

/** Its own key (HKDF), so a state can never be mistaken for a session cookie or anything else signed here. */
function stateKey(): Buffer {
  const secret = serverEnv().authSecret;
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "org-integrations", "oauth-state v1", 32)) };
  }
  return cachedKey.key;
}

const macOf = (body: string) => createHmac("sha256", stateKey()).update(body).digest();

export function signState(claims: TStateClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${body}.${macOf(body).toString("base64url")}`;
}

/** The claims of a state we signed; anything else (altered, truncated, made up) is `invalid_state`. */
export function verifyState(token: string): TStateClaims {
  const [body, mac, ...rest] = token.split(".");
  if (!body || !mac || rest.length > 0 || token.length > 2048) throw new OAuthFlowError("invalid_state");
  const given = Buffer.from(mac, "base64url");
  const expected = macOf(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new OAuthFlowError("invalid_state");
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw new OAuthFlowError("invalid_state");
  }
  const claims = ZStateClaims.safeParse(json);
  if (!claims.success) throw new OAuthFlowError("invalid_state");
  return claims.data;
}
