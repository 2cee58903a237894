// Meta's side of the system tests: a Page's messaging events posted to an instance's webhook, signed with the
// integration's App Secret the way Meta signs them.
import { signWebhookBody } from "@/lib/messenger/webhook-signature";

/** The body Meta posts for these events of one Page. */
export const deliveryBody = (pageId: string, messaging: unknown[], time = Date.now()) =>
  JSON.stringify({ object: "page", entry: [{ id: pageId, time, messaging }] });

/** A person's message to the Page, as Meta reports it. */
export const personMessage = (pageId: string, psid: string, message: { mid: string; text: string }) => ({
  sender: { id: psid },
  recipient: { id: pageId },
  timestamp: Date.now(),
  message,
});

/** Posts `body` to the webhook of the instance at `baseUrl`, signed with `appSecret` (Meta's X-Hub-Signature-256). */
export function postDelivery(baseUrl: string, orgId: string, appSecret: string, body: string): Promise<Response> {
  return fetch(`${baseUrl}/webhook?org_id=${orgId}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-hub-signature-256": signWebhookBody(body, appSecret) },
  });
}
