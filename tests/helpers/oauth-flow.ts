// Drives a "Connect" sign-in the way a browser does: start it as a signed-in person, follow the fake provider's
// consent page, and bring the callback URL back to our route (the same cookie comes along).
import * as callbackRoute from "@/app/organization-oauth/callback/route";
import * as pageRoute from "@/app/organization-oauth/facebook-page/route";
import * as pagesRoute from "@/app/organization-oauth/facebook-pages/route";
import * as startRoute from "@/app/start-organization-oauth/route";
import { callRoute, TEST_ORIGIN } from "./call-route";
import type { FakeOAuthServer } from "./fake-oauth-server";

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

/** start → Allow → callback: the callback's answer. */
export async function signInThrough(
  fake: FakeOAuthServer,
  cookie: string,
  body: Record<string, unknown>,
  decision: "allow" | "deny" = "allow",
) {
  const started = await startSignIn(cookie, body);
  if (started.status !== 200) throw new Error(`start answered ${started.status}: ${started.text}`);
  const back = await consentAt(fake, started.json.authorize_url, decision);
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
