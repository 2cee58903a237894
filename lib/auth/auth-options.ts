// next-auth (v4) for people in a browser: email + password, JWT session cookie. Roles are not put in the token:
// they are read from the database on every request, so removing someone from an org takes effect at once. The token
// carries `sv` (users.session_version at sign-in): sign-out, a password change or a removal increments the column,
// and every session issued before stops working (lib/auth/session-version.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/config/server-env";
import { clientIp } from "./rate-limit";
import { usesSecureCookies } from "./session-cookie";
import { revokeSessions, tokenSessionVersion } from "./session-version";
import { signInFailureMessage, verifySignIn, type SignedInPerson } from "./verify-sign-in";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: serverEnv().authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // The same decision lib/auth/authenticate.ts reads the cookie by: `__Secure-` and Secure with an https NEXTAUTH_URL.
    useSecureCookies: usesSecureCookies(),
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const ip = clientIp({ headers: new Headers(request?.headers as Record<string, string> | undefined) });
          try {
            return await verifySignIn({ email: credentials?.email, password: credentials?.password, ip });
          } catch (error) {
            // next-auth fails the sign-in and hands this message to its client (the form shows "Too many failed…").
            throw new Error(signInFailureMessage(error));
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sv = (user as SignedInPerson).sessionVersion;
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, sessionVersion: tokenSessionVersion(token) } };
      },
    },
    events: {
      // Signing out ends this session everywhere, not only in this browser: copies of the cookie stop working too.
      async signOut({ token }) {
        if (token?.sub) await revokeSessions({ userId: token.sub, onlyIfVersion: tokenSessionVersion(token) });
      },
    },
  };
}
