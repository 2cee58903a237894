// Property-based robustness of every endpoint, discovered from app/**/route.ts so a new one is covered without
// editing this file: random query strings, random JSON of random types, junk bodies, wrong auth — and, for the
// webhook, random Meta-shaped events — never give a 500 and always give a JSON body (`{error}` when failing).
import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "@/lib/messenger/webhook-signature";
import { bearer, callRoute } from "../helpers/call-route";
import { createRoute } from "../helpers/routes";
import { createTestOrg, type TestOrg } from "../helpers/seed";

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// next-auth's own endpoints answer redirects and HTML by design; they are not part of our JSON API.
const EXCLUDED = [path.join("app", "api", "auth")];

type Handler = Parameters<typeof callRoute>[0];
type Endpoint = { file: string; urlPath: string; params: string[]; method: (typeof METHODS)[number]; handler: Handler };

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return EXCLUDED.includes(full) ? [] : routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

// Static assets served by a route handler (the API reference's script): no input, and not JSON by nature.
const STATIC_ASSETS = new Set(["/docs/api/reference.js"]);

async function discoverEndpoints(): Promise<Endpoint[]> {
  const endpoints: Endpoint[] = [];
  for (const file of routeFiles("app")) {
    const segments = path
      .dirname(file)
      .split(path.sep)
      .slice(1)
      .filter((segment) => !/^\(.*\)$/.test(segment));
    if (STATIC_ASSETS.has(`/${segments.join("/")}`)) continue;
    const params = segments.filter((s) => s.startsWith("[")).map((s) => s.replace(/^\[+\.{0,3}|\]+$/g, ""));
    const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof mod[method] === "function")
        endpoints.push({ file, urlPath: `/${segments.join("/")}`, params, method, handler: mod[method] as Handler });
    }
  }
  return endpoints;
}

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
    callRoute(createRoute.POST, {
      method: "POST",
      path: "/create-organization-integration",
      headers: bearer(owner.keys.admin),
      body: { org_id: owner.orgId, ...body },
    });
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

const FIELD_NAMES = [
  "org_id",
  "id",
  "integration_type",
  "name",
  "api_base_url",
  "webhook_url",
  "webhook_verify_token",
  "api_key",
  "api_secret",
  "access_token",
  "refresh_token",
  "token_expires_at",
  "config",
  "is_active",
  "active",
  "role",
  "limit",
  "before",
  "text",
  "recipient_id",
  "psid",
  "message",
  "page_id",
  "object",
  "entry",
  "hub.mode",
  "hub.verify_token",
  "hub.challenge",
];

function arbitraries() {
  const ids = fc.constantFrom(org.orgId, stranger.orgId, facebookId, otherId, randomUUID(), "not-a-uuid", "");
  const scalar = fc.oneof(
    ids,
    fc.constantFrom(
      "facebook",
      "hubspot",
      "salesforce",
      "odoo_crm",
      "other",
      "owner",
      "viewer",
      "subscribe",
      "http://127.0.0.1:9/x",
      "2030-01-01T00:00:00Z",
      "••••••",
      PAGE_ID,
      "true",
      "-1",
      "1e309",
    ),
    fc.string({ maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
  const fieldName = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const objectBody = fc.dictionary(fieldName, value, { maxKeys: 8 }).map((body) => JSON.stringify(body));
  const party = fc.record({ id: fc.oneof(fc.constantFrom(PAGE_ID, "123"), fc.string({ maxLength: 8 }), fc.integer()) });
  const timestamp = fc.oneof(fc.integer(), fc.double(), fc.constant(1e20), fc.constant(-1));
  const event = fc.record(
    {
      sender: party,
      recipient: party,
      timestamp,
      message: fc.record(
        {
          mid: fc.string({ maxLength: 600 }),
          text: fc.string(),
          attachments: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }),
          is_echo: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      postback: fc.record({ mid: fc.string(), title: fc.string(), payload: fc.string() }, { requiredKeys: [] }),
      delivery: fc.record(
        { mids: fc.array(fc.string(), { maxLength: 3 }), watermark: timestamp },
        { requiredKeys: [] },
      ),
      read: fc.record({ watermark: timestamp }, { requiredKeys: [] }),
    },
    { requiredKeys: ["sender", "recipient"] },
  );
  const webhookBody = fc
    .record({
      object: fc.constantFrom("page", "user"),
      entry: fc.array(
        fc.record({
          id: fc.constantFrom(PAGE_ID, "999"),
          time: fc.integer(),
          messaging: fc.array(event, { maxLength: 4 }),
        }),
        { maxLength: 2 },
      ),
    })
    .map((body) => JSON.stringify(body));
  const body = fc.oneof(
    { weight: 4, arbitrary: objectBody },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const query = fc.dictionary(
    fieldName,
    fc.oneof(
      ids,
      fc.string({ maxLength: 20 }),
      fc.constantFrom("true", "0", "200", "-5", "2030-01-01T00:00:00Z", "subscribe"),
    ),
    { maxKeys: 5 },
  );
  const auth = fc.oneof(
    { weight: 5, arbitrary: fc.constant("admin") },
    { weight: 1, arbitrary: fc.constantFrom("viewer", "stranger", "cookie", "none") },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((junk) => `junk:${junk}`) },
  );
  const param = fc.oneof(fc.constantFrom(facebookId, otherId, randomUUID()), fc.string({ maxLength: 40 }));
  return { body, webhookBody, query, auth, param };
}

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
      const arb = arbitraries();
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
