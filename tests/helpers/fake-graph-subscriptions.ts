// Meta's Page subscription and token-inspection endpoints for the fake Graph server (fake-graph-server.ts wires them
// in): POST/GET/DELETE /{page-id}/subscribed_apps with a Page token, and GET /debug_token with an app access token
// (`<app_id>|<app_secret>`), with Meta's real shapes and error bodies.
import type { ServerResponse } from "node:http";
import { graphError, EXPIRED_SESSION, INVALID_TOKEN } from "./fake-graph-errors";
import { bearerToken, sendJson, type RecordedRequest } from "./fake-http-server";

/** The app a Page token belongs to unless a test says otherwise (tokens are minted for one app). */
export const FAKE_APP_ID = "1000000000000001";
const PAGE_TOKEN_SCOPES = ["pages_show_list", "pages_messaging", "pages_manage_metadata", "pages_read_engagement"];
// What Meta accepts in subscribed_fields for a Page (the Messenger part of its list, alphabetical as Meta's reference
// lists them). Written out here, not taken from the app: a field the app misspells must be refused as Meta would.
const KNOWN_PAGE_FIELDS = new Set([
  "feed",
  "message_deliveries",
  "message_echoes",
  "message_reactions",
  "message_reads",
  "messages",
  "messaging_handovers",
  "messaging_optins",
  "messaging_postbacks",
  "messaging_referrals",
  "standby",
]);

type PageOfToken = { page: { id: string; name: string }; isExpired?: boolean };
export type FakeTokenInfo = {
  appId?: string;
  type?: "PAGE" | "USER" | "APP";
  scopes?: string[];
  expiresAt?: number;
  isValid?: boolean;
};
type MetaError = { status?: number; message: string; code: number; subcode?: number };

export type FakeGraphSubscriptionApi = {
  /** An app debug_token accepts `<appId>|<secret>` for. */
  addApp: (appId: string, secret: string, name?: string) => void;
  /** What debug_token says about a Page token (defaults: FAKE_APP_ID, PAGE, the usual scopes, never expires). */
  setTokenInfo: (token: string, info: FakeTokenInfo) => void;
  /** Apps subscribed to a Page, as GET /{page-id}/subscribed_apps lists them. */
  pageSubscriptions: (pageId: string) => { appId: string; fields: string[] }[];
  /** A subscription made elsewhere (Meta's dashboard, another tool). */
  subscribePage: (pageId: string, fields: string[], appId?: string) => void;
  /** The next `times` subscribe calls for this Page answer Meta's error instead. */
  failSubscribe: (pageId: string, error: MetaError, times?: number) => void;
};

/** Params of a Graph call: the query string, then a form or JSON body (the SDKs send either). */
function param(request: RecordedRequest, name: string): string | null {
  const fromQuery = request.query.get(name);
  if (fromQuery !== null) return fromQuery;
  try {
    const json = JSON.parse(request.body) as Record<string, unknown>;
    if (json[name] !== undefined)
      return Array.isArray(json[name]) ? (json[name] as string[]).join(",") : String(json[name]);
  } catch {
    // not JSON: a form body
  }
  return new URLSearchParams(request.body).get(name);
}

export function fakeGraphSubscriptions(pageOf: (token: string) => PageOfToken | undefined) {
  const apps = new Map<string, { secret: string; name: string }>();
  const tokenInfo = new Map<string, FakeTokenInfo>();
  const subscriptions = new Map<string, Map<string, string[]>>();
  const failures = new Map<string, { error: MetaError; times: number }>();
  const infoOf = (token: string) => ({
    appId: FAKE_APP_ID,
    type: "PAGE" as const,
    scopes: PAGE_TOKEN_SCOPES,
    expiresAt: 0,
    isValid: true,
    ...tokenInfo.get(token),
  });
  const appsOf = (pageId: string) => subscriptions.get(pageId) ?? subscriptions.set(pageId, new Map()).get(pageId)!;

  function debugToken(request: RecordedRequest, response: ServerResponse) {
    const [appId, secret] = (bearerToken(request) ?? "").split("|");
    const app = apps.get(appId);
    if (!app || app.secret !== secret)
      return sendJson(response, 400, graphError("Invalid OAuth access token signature.", 190));
    const input = request.query.get("input_token");
    if (!input) return sendJson(response, 400, graphError("(#100) The parameter input_token is required", 100));
    const owner = pageOf(input);
    if (!owner) {
      return sendJson(response, 200, {
        data: {
          error: { code: 190, message: INVALID_TOKEN },
          is_valid: false,
          scopes: [],
        },
      });
    }
    const info = infoOf(input);
    if (info.appId !== appId)
      return sendJson(
        response,
        400,
        graphError("(#100) The App_id in the input_token did not match the Viewing App", 100),
      );
    const issuedAt = Math.floor(Date.now() / 1000) - 86_400;
    const data = {
      app_id: info.appId,
      type: info.type,
      application: app.name,
      data_access_expires_at: issuedAt + 90 * 86_400,
      expires_at: owner.isExpired ? issuedAt : info.expiresAt,
      is_valid: info.isValid && !owner.isExpired,
      issued_at: issuedAt,
      profile_id: owner.page.id,
      scopes: info.scopes,
      granular_scopes: info.scopes.map((scope) => ({ scope, target_ids: [owner.page.id] })),
      user_id: "10215241773831025",
      ...(owner.isExpired
        ? {
            error: {
              code: 190,
              subcode: 463,
              message: EXPIRED_SESSION,
            },
          }
        : {}),
    };
    return sendJson(response, 200, { data });
  }

  function subscribedApps(request: RecordedRequest, response: ServerResponse, pageId: string, token: string) {
    const owner = pageOf(token)!;
    if (owner.page.id !== pageId)
      return sendJson(
        response,
        400,
        graphError("(#210) A page access token is required to request this resource.", 210),
      );
    const info = infoOf(token);
    if (!info.scopes.includes("pages_manage_metadata")) {
      return sendJson(
        response,
        403,
        graphError("(#200) Requires pages_manage_metadata permission to manage the object", 200),
      );
    }
    const pageApps = appsOf(pageId);
    if (request.method === "GET") {
      const data = [...pageApps].map(([id, fields]) => ({
        category: "Business",
        link: `https://example.test/app/${id}`,
        name: apps.get(id)?.name ?? "Support app",
        id,
        subscribed_fields: fields,
      }));
      return sendJson(response, 200, { data });
    }
    if (request.method === "DELETE") {
      pageApps.delete(info.appId);
      return sendJson(response, 200, { success: true });
    }
    const failure = failures.get(pageId);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return sendJson(
        response,
        failure.error.status ?? 400,
        graphError(failure.error.message, failure.error.code, failure.error.subcode),
      );
    }
    const fields = (param(request, "subscribed_fields") ?? "")
      .split(",")
      .map((field) => field.trim())
      .filter(Boolean);
    if (fields.length === 0)
      return sendJson(response, 400, graphError("(#100) The parameter subscribed_fields is required", 100));
    const unknown = fields.find((field) => !KNOWN_PAGE_FIELDS.has(field));
    if (unknown)
      return sendJson(
        response,
        400,
        graphError(
          `(#100) Param subscribed_fields[${fields.indexOf(unknown)}] must be one of {${[...KNOWN_PAGE_FIELDS].join(", ")}}`,
          100,
        ),
      );
    if (fields.some((field) => field.startsWith("message")) && !info.scopes.includes("pages_messaging")) {
      return sendJson(
        response,
        403,
        graphError(
          "(#200) To subscribe to the messages field, one of these permissions is needed: pages_messaging",
          200,
        ),
      );
    }
    pageApps.set(info.appId, fields);
    return sendJson(response, 200, { success: true });
  }

  return {
    /** Answers the request when it is one of these endpoints; false leaves it to the rest of the fake. */
    handle(
      request: RecordedRequest,
      response: ServerResponse,
      path: string,
      auth: { token?: string; error?: unknown },
    ): boolean {
      if (request.method === "GET" && path === "/debug_token") return (void debugToken(request, response), true);
      const match = /^\/(\d+)\/subscribed_apps$/.exec(path);
      if (!match || !["GET", "POST", "DELETE"].includes(request.method)) return false;
      if (auth.error || !auth.token) return (void sendJson(response, 400, auth.error), true);
      subscribedApps(request, response, match[1], auth.token);
      return true;
    },
    api: {
      addApp: (appId, secret, name = "Support app") => void apps.set(appId, { secret, name }),
      setTokenInfo: (token, info) => void tokenInfo.set(token, { ...tokenInfo.get(token), ...info }),
      pageSubscriptions: (pageId) => [...appsOf(pageId)].map(([appId, fields]) => ({ appId, fields })),
      subscribePage: (pageId, fields, appId = FAKE_APP_ID) => void appsOf(pageId).set(appId, fields),
      failSubscribe: (pageId, error, times = Number.POSITIVE_INFINITY) => void failures.set(pageId, { error, times }),
    } satisfies FakeGraphSubscriptionApi,
  };
}
