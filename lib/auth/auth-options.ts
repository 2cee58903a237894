// next-auth (v4) for people in a browser: email + password, JWT session cookie. Roles are not put in the token:
// they are read from the database on every request, so removing someone from an org takes effect at once. The token
// carries `sv` (users.session_version at sign-in): sign-out, a password change or a removal increments the column,
// and every session issued before stops working (lib/auth/session-version.ts), next-auth's own session reads included.
import type { LoggerInstance, NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/config/server-env";
import { logger } from "@/lib/logging/logger";
import { clientIp } from "./rate-limit";
import { usesSecureCookies } from "./session-cookie";
import { assertSessionTokenCurrent, revokeSessions, SessionRevokedError, tokenSessionVersion } from "./session-version";
import { signInFailureMessage, verifySignIn, type SignedInPerson } from "./verify-sign-in";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** next-auth's errors into our logger (redacted JSON) instead of the console; a revoked session is expected, not an error. */
const logNextAuthError: LoggerInstance["error"] = (code, metadata) => {
  const error = metadata instanceof Error ? metadata : metadata?.error;
  if (error instanceof SessionRevokedError) return logger.info({ code }, "a revoked session was read as no session");
  // Only the error: the rest of next-auth's metadata may carry provider answers.
  logger.error({ code, err: error }, "next-auth error");
};

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
      async jwt({ token, user }) {
        if (user) {
          token.sv = (user as SignedInPerson).sessionVersion;
          return token;
        }
        // Reading a session renews its cookie: a revoked one must read as none instead (next-auth catches the error,
        // answers an empty session and clears the cookie).
        await assertSessionTokenCurrent(token);
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub, sessionVersion: tokenSessionVersion(token) } };
      },
    },
    logger: { error: logNextAuthError },
    events: {
      // Signing out ends this session everywhere, not only in this browser: copies of the cookie stop working too.
      async signOut({ token }) {
        if (token?.sub) await revokeSessions({ userId: token.sub, onlyIfVersion: tokenSessionVersion(token) });
      },
    },
  };
}
