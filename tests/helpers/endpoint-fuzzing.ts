// Property-based requests for every endpoint: the endpoints discovered from app/**/route.ts (so a new one is covered
// without editing a test), and fast-check arbitraries for random query strings, JSON of random types, junk bodies,
// wrong auth, path params and Meta-shaped webhook events, seeded with ids and a Page id the test knows.
import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import type { callRoute } from "./call-route";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// next-auth's own endpoints answer redirects and HTML by design; they are not part of our JSON API.
const EXCLUDED = [path.join("app", "api", "auth")];

type Handler = Parameters<typeof callRoute>[0];
export type Endpoint = {
  file: string;
  urlPath: string;
  params: string[];
  method: (typeof METHODS)[number];
  handler: Handler;
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return EXCLUDED.includes(full) ? [] : routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

// Static assets served by a route handler (the API reference's script): no input, and not JSON by nature.
const STATIC_ASSETS = new Set(["/docs/api/reference.js"]);

export async function discoverEndpoints(): Promise<Endpoint[]> {
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

export function arbitraries(known: { orgIds: string[]; integrationIds: string[]; pageId: string }) {
  const ids = fc.constantFrom(...known.orgIds, ...known.integrationIds, randomUUID(), "not-a-uuid", "");
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
      known.pageId,
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
  const party = fc.record({
    id: fc.oneof(fc.constantFrom(known.pageId, "123"), fc.string({ maxLength: 8 }), fc.integer()),
  });
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
          id: fc.constantFrom(known.pageId, "999"),
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
  const param = fc.oneof(fc.constantFrom(...known.integrationIds, randomUUID()), fc.string({ maxLength: 40 }));
  return { body, webhookBody, query, auth, param };
}
