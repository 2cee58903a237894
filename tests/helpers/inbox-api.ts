// The inbox endpoints of one integration (/organization-integration/{id}/…) as one caller uses them: each path and its
// params are written here once, so a test says what it reads or does, not how the route is mounted.
import * as readRoute from "@/app/organization-integration/[integration_id]/conversations/[psid]/read/route";
import * as conversationsRoute from "@/app/organization-integration/[integration_id]/conversations/route";
import * as messagesRoute from "@/app/organization-integration/[integration_id]/messages/route";
import * as webhookLogRoute from "@/app/organization-integration/[integration_id]/webhook-log/route";
import { bearer, callRoute, type CallResult } from "./call-route";

type Handler = Parameters<typeof callRoute>[0];
type Extra = { method?: string; body?: unknown; params?: Record<string, string> };

export type InboxApi = {
  /** GET …/messages with the query as given (e.g. "?psid=…"). */
  messages: (id: string, query?: string) => Promise<CallResult>;
  conversations: (id: string, query?: string) => Promise<CallResult>;
  webhookLog: (id: string, query?: string) => Promise<CallResult>;
  send: (id: string, body: unknown) => Promise<CallResult>;
  markRead: (id: string, psid: string) => Promise<CallResult>;
};

/** `key` is an API key, sent as a bearer token; undefined calls without credentials. */
export function inboxApi(key?: string): InboxApi {
  const headers = key === undefined ? undefined : bearer(key);
  const call = (handler: Handler, id: string, suffix: string, extra: Extra = {}) =>
    callRoute(handler, {
      method: extra.method,
      body: extra.body,
      path: `/organization-integration/${id}/${suffix}`,
      params: { integration_id: id, ...extra.params },
      headers,
    });
  return {
    messages: (id, query = "") => call(messagesRoute.GET, id, `messages${query}`),
    conversations: (id, query = "") => call(conversationsRoute.GET, id, `conversations${query}`),
    webhookLog: (id, query = "") => call(webhookLogRoute.GET, id, `webhook-log${query}`),
    send: (id, body) => call(messagesRoute.POST, id, "messages", { method: "POST", body }),
    markRead: (id, psid) =>
      call(readRoute.POST, id, `conversations/${psid}/read`, { method: "POST", params: { psid } }),
  };
}
