// The one session cookie name, shared by next-auth's configuration and by lib/auth/authenticate.ts. With an https
// NEXTAUTH_URL (production: lib/config/server-env.ts) it is `__Secure-…` and Secure, so browsers never send it over
// plain HTTP; reading only this name means a cookie planted under the other name (e.g. over HTTP) is never a session.
import { serverEnv } from "@/lib/config/server-env";

const BASE_NAME = "next-auth.session-token";

export function usesSecureCookies(): boolean {
  return serverEnv().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

export function sessionCookieName(): string {
  return usesSecureCookies() ? `__Secure-${BASE_NAME}` : BASE_NAME;
}
