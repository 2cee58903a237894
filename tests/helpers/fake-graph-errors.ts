// Meta's Graph API error bodies and the Page shape, shared by the parts of the fake Graph server (fake-graph-*.ts),
// so every part answers with the same shape Meta does.
import { randomBytes } from "node:crypto";

export type Page = { id: string; name: string };

export const INVALID_TOKEN = "Invalid OAuth access token - Cannot parse access token";
export const EXPIRED_SESSION = "Error validating access token: Session has expired on Tuesday, 24-Nov-26 10:00:00 PST.";

/** `{ error: { message, type, code, error_subcode?, fbtrace_id } }`, as Graph answers a refused call. */
export const graphError = (message: string, code: number, subcode?: number) => ({
  error: {
    message,
    type: "OAuthException",
    code,
    ...(subcode ? { error_subcode: subcode } : {}),
    fbtrace_id: randomBytes(8).toString("base64url"),
  },
});
