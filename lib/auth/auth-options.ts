// next-auth (v4) for people in a browser: email + password, JWT session cookie. Roles are not put in the token:
// they are read from the database on every request, so removing someone from an org takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clientIp, recordAuthFailure } from "./rate-limit";

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: serverEnv().authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = credentials?.email?.trim().toLowerCase() ?? "";
          const password = credentials?.password ?? "";
          const user = email ? await db().user.findUnique({ where: { email } }) : null;
          const isValid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
          if (user && isValid) return { id: user.id, email: user.email, name: user.name };
          // The same client address as the route's 429 check uses; here we only count.
          const headers = new Headers(request?.headers as Record<string, string> | undefined);
          await recordAuthFailure(clientIp(new Request("http://local.invalid", { headers })), email || undefined).catch(() => {});
          return null;
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
