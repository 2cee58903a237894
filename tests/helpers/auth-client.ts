// A browser's side of next-auth, against the real route handlers: CSRF token and its cookie, sign-in, sign-out.
import { randomBytes, randomUUID } from "node:crypto";
import * as authRoute from "@/app/api/auth/[...nextauth]/route";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { expect } from "vitest";
import { TEST_ORIGIN } from "./call-route";

export const SIGN_IN_PATH = ["callback", "credentials"];

/** A random client address in the IPv6 documentation range, so tests never share a rate-limit key. */
export const randomAddress = () => `2001:db8:${randomBytes(6).toString("hex").match(/.{4}/g)!.join(":")}::1`;

export async function createUserWithPassword(password: string, options: { passwordHash?: string } = {}) {
  const email = `person-${randomUUID()}@example.test`;
  const user = await db().user.create({
    data: { email, passwordHash: options.passwordHash ?? (await hashPassword(password)) },
  });
  return { id: user.id, email, password };
}

type AuthCall = { segments: string[]; method?: string; headers?: Record<string, string>; body?: string };

export function callAuthRoute({ segments, method = "GET", headers = {}, body }: AuthCall): Promise<Response> {
  const request = new Request(`${TEST_ORIGIN}/api/auth/${segments.join("/")}`, { method, headers, body });
  const context = { params: Promise.resolve({ nextauth: segments }) };
  return method === "GET" ? authRoute.GET(request, context) : authRoute.POST(request, context);
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a browser would send them back. */
export function cookiesFrom(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const separator = pair.indexOf("=");
    cookies[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return cookies;
}

export const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

/** GET /api/auth/csrf: the token for the form and the cookie it must travel with. */
export async function csrf(extraHeaders: Record<string, string> = {}) {
  const response = await callAuthRoute({ segments: ["csrf"], headers: extraHeaders });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookies: cookiesFrom(response) };
}

export type SignInAttempt = {
  email: string;
  password: string;
  /** X-Forwarded-For as the app receives it. */
  forwardedFor?: string;
  segments?: string[];
  /** "form" (what next-auth's client sends), "json", or a raw form body built by the caller. */
  shape?: "form" | "json" | { rawForm: (csrfToken: string) => string };
};

export type SignInResult = {
  status: number;
  body: { url?: string; error?: string } | undefined;
  sessionCookie?: string;
  response: Response;
};

export const SESSION_COOKIE_PATTERN = /(^|__Secure-)next-auth\.session-token$/;

export async function signIn(attempt: SignInAttempt): Promise<SignInResult> {
  const forwarded: Record<string, string> = attempt.forwardedFor ? { "x-forwarded-for": attempt.forwardedFor } : {};
  const token = await csrf(forwarded);
  const fields = { email: attempt.email, password: attempt.password, csrfToken: token.csrfToken, json: "true" };
  const shape = attempt.shape ?? "form";
  const [contentType, body] =
    shape === "json"
      ? ["application/json", JSON.stringify(fields)]
      : [
          "application/x-www-form-urlencoded",
          shape === "form" ? new URLSearchParams(fields).toString() : shape.rawForm(token.csrfToken),
        ];
  const response = await callAuthRoute({
    segments: attempt.segments ?? SIGN_IN_PATH,
    method: "POST",
    headers: { "content-type": contentType, cookie: cookieHeader(token.cookies), ...forwarded },
    body,
  });
  const text = await response.clone().text();
  let parsed: SignInResult["body"];
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const sessionCookie = Object.entries(cookiesFrom(response)).find(
    ([name, value]) => SESSION_COOKIE_PATTERN.test(name) && value,
  );
  return {
    status: response.status,
    body: parsed,
    sessionCookie: sessionCookie && `${sessionCookie[0]}=${sessionCookie[1]}`,
    response,
  };
}

/** A successful sign-in's session cookie (a fresh client address, so the tests never share a rate limit). */
export async function signedIn(user: { email: string; password: string }) {
  const result = await signIn({ email: user.email, password: user.password, forwardedFor: randomAddress() });
  expect(result.status).toBe(200);
  return result.sessionCookie!;
}

/** The `error` a failed sign-in reports to next-auth's client (the query of the URL it answers with). */
export const signInError = (result: SignInResult) =>
  result.body?.url ? new URL(result.body.url).searchParams.get("error") : null;

/** POST /api/auth/signout as next-auth's client does it, with the session cookie of the person signing out. */
export async function signOut(sessionCookie: string) {
  const token = await csrf();
  return callAuthRoute({
    segments: ["signout"],
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `${cookieHeader(token.cookies)}; ${sessionCookie}`,
    },
    body: new URLSearchParams({ csrfToken: token.csrfToken, callbackUrl: "/signin", json: "true" }).toString(),
  });
}
