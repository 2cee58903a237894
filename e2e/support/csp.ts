// The Content-Security-Policy as the browser tests check it: violations recorded from the first byte, the strict
// nonce policy of a page, and the refusals expected when script is injected into one.
import type { Page, Response } from "@playwright/test";
import { expect, hydrated } from "./fixtures";

type Violation = { directive: string; blockedURI: string; sample: string };
type CspWindow = Window & { __cspViolations?: Violation[]; __pwned?: string[] };

/** Records every `securitypolicyviolation` of the page from the first byte on (init scripts are not subject to CSP). */
export async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    const target = window as CspWindow;
    target.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      target.__cspViolations!.push({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sample: event.sample,
      });
    });
  });
}

export const violations = (page: Page) => page.evaluate(() => (window as CspWindow).__cspViolations ?? []);
export const pwned = (page: Page) => page.evaluate(() => (window as CspWindow).__pwned ?? []);

function directives(response: Response | null): Map<string, string[]> {
  const header = response?.headers()["content-security-policy"] ?? "";
  return new Map(
    header
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The page's CSP must be the strict nonce policy; returns its nonce after checking Next put it on the page's scripts. */
export async function expectNoncePolicy(page: Page, response: Response | null): Promise<string> {
  const policy = directives(response);
  const scriptSrc = policy.get("script-src") ?? [];
  const nonce = scriptSrc.find((source) => source.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `script-src of ${page.url()}: ${scriptSrc.join(" ")}`).toMatch(/^[A-Za-z0-9+/_-]{22,}={0,2}$/);
  // Production: exactly this; no 'unsafe-inline', no eval, no 'strict-dynamic' (see lib/security/content-security-policy.ts).
  expect(scriptSrc).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(policy.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'self'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("connect-src")).toEqual(["'self'"]);
  // Every script the server wrote into the page carries this request's nonce, and so does every inline script in the
  // document now (the IDL property keeps it readable). Not checked: the <script src> the client runtime adds later to
  // load a code chunk of a page that streamed in after its loading.tsx — those are 'self', which the policy allows.
  const written = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map(
    (tag) => /\snonce="([^"]*)"/.exec(tag[0])?.[1] ?? "",
  );
  expect(written.length).toBeGreaterThan(0);
  expect(new Set(written)).toEqual(new Set([nonce]));
  const inlineNonces = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLScriptElement>("script:not([src])"), (script) => script.nonce),
  );
  expect(inlineNonces.length).toBeGreaterThan(0);
  expect(new Set(inlineNonces)).toEqual(new Set([nonce]));
  return nonce!;
}

/** Loads a page, waits for React, checks its policy and adds its nonce to `nonces` (callers check they all differ). */
export async function openWithPolicy(page: Page, url: string, nonces: string[]) {
  const response = await page.goto(url);
  await hydrated(page);
  nonces.push(await expectNoncePolicy(page, response));
}

/** After the three injections of a test (two scripts and an event handler): each either ran or was refused, so wait
 *  until all three outcomes are known, then require refusals only. */
export async function expectInjectionsRefused(page: Page) {
  await expect.poll(async () => (await violations(page)).length + (await pwned(page)).length).toBeGreaterThanOrEqual(3);
  expect(await pwned(page)).toEqual([]);
  expect((await violations(page)).map((violation) => violation.directive).sort()).toEqual([
    "script-src-attr",
    "script-src-elem",
    "script-src-elem",
  ]);
}
