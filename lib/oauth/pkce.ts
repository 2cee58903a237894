// PKCE (RFC 7636, S256): the verifier stays on the server; only its hash travels through the browser.
import { createHash, randomBytes } from "node:crypto";

export function createCodeVerifier(): string {
  return randomBytes(48).toString("base64url"); // 64 characters, within RFC 7636's 43-128
}

export function codeChallengeOf(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}
