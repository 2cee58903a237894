// Property-based robustness of every endpoint, discovered from app/**/route.ts so a new one is covered without
// editing this file: random query strings, random JSON of random types, junk bodies, wrong auth — and, for the
// webhook, random Meta-shaped events — never give a 500 and always give a JSON body (`{error}` when failing).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "@/lib/messenger/webhook-signature";
import { bearer, callRoute } from "../helpers/call-route";
import { arbitraries, discoverEndpoints } from "../helpers/endpoint-fuzzing";
import { integrationApi } from "../helpers/integration-api";
import { createTestOrg, type TestOrg } from "../helpers/seed";

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);

// No request of this suite may leave the machine, whatever a random body made an integration point at.
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname))
      throw new TypeError("fetch failed (non-loopback blocked by the test)");
    return realFetch(input, init);
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

let org: TestOrg;
let stranger: TestOrg;
let facebookId: string;
let otherId: string;
const PAGE_ID = "4455667788";
// Most webhook posts are signed with it, so random events get past the signature check into parsing and storage.
const WEBHOOK_APP_SECRET = "fuzz-meta-app-secret";

beforeAll(async () => {
  [org, stranger] = await Promise.all([createTestOrg(), createTestOrg()]);
  const create = (owner: TestOrg, body: Record<string, unknown>) =>
    integrationApi(owner.keys.admin).create({ org_id: owner.orgId, ...body });
  const facebook = await create(org, {
    integration_type: "facebook",
    name: "Fuzz page",
    access_token: "fuzz-page-token-123",
    is_active: true,
    api_base_url: "http://127.0.0.1:9/v21.0",
    config: { page_id: PAGE_ID },
    api_secret: WEBHOOK_APP_SECRET,
  });
  const other = await create(stranger, {
    integration_type: "hubspot",
    name: "Not yours",
    api_base_url: "http://127.0.0.1:9",
  });
  expect([facebook.status, other.status]).toEqual([201, 201]);
  [facebookId, otherId] = [facebook.json.integration.id, other.json.integration.id];
});

async function headersFor(auth: string): Promise<Record<string, string>> {
  // A fresh client address per request: wrong credentials must meet the rate limiter, not starve the valid ones.
  const ip = {
    "x-forwarded-for": `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  };
  if (auth === "admin") return { ...ip, ...bearer(org.keys.admin) };
  if (auth === "viewer") return { ...ip, ...bearer(org.keys.viewer) };
  if (auth === "stranger") return { ...ip, ...bearer(stranger.keys.admin) };
  if (auth === "cookie") return { ...ip, cookie: await org.cookie("owner") };
  if (auth === "none") return ip;
  return { ...ip, authorization: auth.slice(5), "x-hub-signature-256": `sha256=${auth.slice(5)}` };
}

describe("every endpoint under random input", async () => {
  const endpoints = await discoverEndpoints();

  it("discovers the documented endpoints", () => {
    const paths = endpoints.map((endpoint) => `${endpoint.method} ${endpoint.urlPath}`);
    for (const documented of [
      "GET /organization-integrations",
      "GET /organization-integration/[integration_id]",
      "POST /create-organization-integration",
      "POST /update-organization-integration",
      "POST /toggle-organization-integration",
      "POST /delete-organization-integration",
      "POST /webhook",
      "GET /healthz",
    ]) {
      expect(paths).toContain(documented);
    }
  });

  for (const endpoint of endpoints) {
    it(`${endpoint.method} ${endpoint.urlPath} never answers 500 or a non-JSON body`, async () => {
      const arb = arbitraries({
        orgIds: [org.orgId, stranger.orgId],
        integrationIds: [facebookId, otherId],
        pageId: PAGE_ID,
      });
      const isWebhookPost = endpoint.urlPath === "/webhook" && endpoint.method === "POST";
      const body = isWebhookPost ? fc.oneof(arb.webhookBody, arb.body) : arb.body;
      await fc.assert(
        fc.asyncProperty(
          arb.query,
          body,
          arb.auth,
          fc.array(arb.param, { minLength: endpoint.params.length, maxLength: endpoint.params.length }),
          async (query, rawBody, auth, paramValues) => {
            const params = Object.fromEntries(endpoint.params.map((name, i) => [name, paramValues[i]]));
            let urlPath = endpoint.urlPath;
            for (const [name, value] of Object.entries(params))
              urlPath = urlPath.replace(`[${name}]`, encodeURIComponent(value));
            const search = new URLSearchParams(query).toString();
            const hasBody = endpoint.method !== "GET" && rawBody !== undefined;
            const signature: Record<string, string> =
              isWebhookPost && hasBody && auth === "admin"
                ? { "x-hub-signature-256": signWebhookBody(rawBody, WEBHOOK_APP_SECRET) }
                : {};
            const result = await callRoute(endpoint.handler, {
              method: endpoint.method,
              path: `${urlPath}${search ? `?${search}` : ""}`,
              rawBody: hasBody ? rawBody : undefined,
              headers: {
                ...(await headersFor(auth)),
                ...signature,
                ...(hasBody ? { "content-type": "application/json" } : {}),
              },
              params,
              recordSecrets: false,
            });
            const where = `${endpoint.method} ${urlPath}?${search} [${auth}] body=${String(rawBody).slice(0, 300)} → ${result.status} ${result.text.slice(0, 300)}`;
            expect(result.status, where).toBeLessThan(500);
            // Meta's endpoints answer plain text on success (the challenge, EVENT_RECEIVED); everything else is JSON.
            if (endpoint.urlPath === "/webhook" && result.status === 200) return;
            // Providers send a browser back to the OAuth callback: it always answers a redirect to one of our pages.
            if (endpoint.urlPath === "/organization-oauth/callback") {
              expect(result.status, where).toBe(303);
              expect(result.headers.get("location"), where).toMatch(/^\/(?!\/)/);
              return;
            }
            // The inbox's live stream answers text/event-stream once it is open.
            if (endpoint.urlPath.endsWith("/events") && result.status === 200) {
              expect(result.headers.get("content-type"), where).toMatch(/^text\/event-stream/);
              return;
            }
            expect(result.json, where).toBeTypeOf("object");
            if (result.status >= 400) expect(result.json.error, where).toBeTypeOf("string");
          },
        ),
        { numRuns: NUM_RUNS },
      );
    }, 60_000);
  }
});
