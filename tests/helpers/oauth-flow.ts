// Drives a "Connect" sign-in the way a browser does: start it as a signed-in person, follow the fake provider's
// consent page, and bring the callback URL back to our route (the same cookie comes along).
import * as callbackRoute from "@/app/organization-oauth/callback/route";
import * as pageRoute from "@/app/organization-oauth/facebook-page/route";
import * as pagesRoute from "@/app/organization-oauth/facebook-pages/route";
import * as startRoute from "@/app/start-organization-oauth/route";
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db/prisma";
import { callRoute, TEST_ORIGIN } from "./call-route";
import { startFakeOAuthServer, type FakeOAuthServer } from "./fake-oauth-server";
import { createTestOrg, type TestOrg } from "./seed";

export { callbackRoute, pageRoute, pagesRoute, startRoute };

export async function startSignIn(cookie: string, body: Record<string, unknown>) {
  return callRoute(startRoute.POST, {
    method: "POST",
    path: "/start-organization-oauth",
    body,
    headers: { cookie, origin: TEST_ORIGIN },
  });
}

/** The provider's redirect back to us after the person allowed (or cancelled) on its consent page. */
export async function consentAt(fake: FakeOAuthServer, authorizeUrl: string, decision: "allow" | "deny"): Promise<URL> {
  const answer = await fetch(fake.decideUrl(authorizeUrl, decision), { redirect: "manual" });
  return new URL(answer.headers.get("location")!);
}

export async function callback(cookie: string, url: URL | string) {
  const { pathname, search } = typeof url === "string" ? new URL(url, TEST_ORIGIN) : url;
  return callRoute(callbackRoute.GET, { path: `${pathname}${search}`, headers: { cookie } });
}

/** start → Allow (or Cancel), stopping before the callback: the URL the provider sends the browser back to. */
export async function startAndConsent(
  fake: FakeOAuthServer,
  cookie: string,
  body: Record<string, unknown>,
  decision: "allow" | "deny" = "allow",
): Promise<URL> {
  const started = await startSignIn(cookie, body);
  if (started.status !== 200) throw new Error(`start answered ${started.status}: ${started.text}`);
  return consentAt(fake, started.json.authorize_url, decision);
}

/** start → Allow → callback: the callback's answer. */
export async function signInThrough(
  fake: FakeOAuthServer,
  cookie: string,
  body: Record<string, unknown>,
  decision: "allow" | "deny" = "allow",
) {
  const back = await startAndConsent(fake, cookie, body, decision);
  return { back, answer: await callback(cookie, back) };
}

export const locationOf = (answer: { headers: Headers }) => new URL(answer.headers.get("location")!, TEST_ORIGIN);

export async function listPages(cookie: string, orgId: string, pick: string) {
  return callRoute(pagesRoute.GET, {
    path: `/organization-oauth/facebook-pages?${new URLSearchParams({ org_id: orgId, pick })}`,
    headers: { cookie },
  });
}

export async function pickPage(cookie: string, body: { org_id: string; pick: string; page_id: string }) {
  return callRoute(pageRoute.POST, {
    method: "POST",
    path: "/organization-oauth/facebook-page",
    body,
    headers: { cookie, origin: TEST_ORIGIN },
  });
}

type Decision = "allow" | "deny";
type Body = Record<string, unknown>;
export type FakeOAuthFixture = {
  fake: FakeOAuthServer;
  org: TestOrg;
  /** startAndConsent and signInThrough against this file's fake server. */
  startAndConsent: (cookie: string, body: Body, decision?: Decision) => Promise<URL>;
  signInThrough: (cookie: string, body: Body, decision?: Decision) => ReturnType<typeof signInThrough>;
};

/**
 * The fake authorization server for a test file, its settings in process.env before anything reads them (they are
 * read once, lazily), and a fresh org. Filled in beforeAll: read the fields inside tests and hooks.
 */
export function setUpFakeOAuth(): FakeOAuthFixture {
  const fixture: FakeOAuthFixture = {
    fake: undefined as unknown as FakeOAuthServer,
    org: undefined as unknown as TestOrg,
    startAndConsent: (cookie, body, decision) => startAndConsent(fixture.fake, cookie, body, decision),
    signInThrough: (cookie, body, decision) => signInThrough(fixture.fake, cookie, body, decision),
  };
  beforeAll(async () => {
    fixture.fake = await startFakeOAuthServer();
    Object.assign(process.env, fixture.fake.env);
    fixture.org = await createTestOrg();
  });
  afterAll(() => fixture.fake.close());
  return fixture;
}

/** What sign-ins left behind: the org's integrations, oldest first. */
export const integrationsOf = (orgId: string) =>
  db().integration.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });

/** The audit actions recorded about one integration, oldest first. */
export const auditActions = async (targetId: string) =>
  (await db().auditEntry.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action);
