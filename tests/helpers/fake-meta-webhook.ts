// Plays Meta's side of the webhook in tests: builds real payload shapes, signs them like Meta, posts them to the
// route module, and creates the Facebook integrations they are addressed to (through the API, like an admin).
import { randomInt, randomUUID } from "node:crypto";
import { expect } from "vitest";
import * as webhookRoute from "@/app/webhook/route";
import { signWebhookBody } from "@/lib/messenger/webhook-signature";
import { randomAddress } from "./auth-client";
import { callRoute, type CallResult } from "./call-route";
import { integrationApi } from "./integration-api";
import type { TestOrg } from "./seed";

export const newPageId = () => String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100_000, 999_999));
export const newPsid = () => String(randomInt(1_000_000_000, 9_999_999_999)) + String(randomInt(1000, 9999));
export const newMid = () => `m_${randomUUID().replaceAll("-", "")}`;
/** A fresh Page access token, shaped like Meta's. */
export const newAccessToken = () => `EAAB${randomUUID().replaceAll("-", "")}`;

type Event = Record<string, unknown>;

/** Who an event is from and to: the person writing to the Page (echoes of the Page's own messages go the other way). */
export const fromPerson = (pageId: string, psid: string) => ({ sender: { id: psid }, recipient: { id: pageId } });
const fromPage = (pageId: string, psid: string) => ({ sender: { id: pageId }, recipient: { id: psid } });

export const messageEvent = (
  pageId: string,
  psid: string,
  options: { mid?: string; text?: string; timestamp?: number; attachments?: unknown[] } = {},
) => ({
  ...fromPerson(pageId, psid),
  timestamp: options.timestamp ?? Date.now(),
  message: {
    mid: options.mid ?? newMid(),
    ...(options.text === undefined ? {} : { text: options.text }),
    ...(options.attachments ? { attachments: options.attachments } : {}),
  },
});

/** `metadata`: what the sending app passed to the Send API (Meta's echo carries it back). */
export const echoEvent = (
  pageId: string,
  psid: string,
  options: { mid?: string; text?: string; timestamp?: number; metadata?: string } = {},
) => ({
  ...fromPage(pageId, psid),
  timestamp: options.timestamp ?? Date.now(),
  message: {
    mid: options.mid ?? newMid(),
    text: options.text ?? "echo",
    is_echo: true,
    app_id: 1234567890,
    ...(options.metadata === undefined ? {} : { metadata: options.metadata }),
  },
});

export const postbackEvent = (pageId: string, psid: string, payload: string, timestamp = Date.now()) => ({
  ...fromPerson(pageId, psid),
  timestamp,
  postback: { title: "Get Started", payload, mid: newMid() },
});

export const deliveryEvent = (pageId: string, psid: string, watermark: number, mids?: string[]) => ({
  ...fromPerson(pageId, psid),
  delivery: { ...(mids ? { mids } : {}), watermark },
});

export const readEvent = (pageId: string, psid: string, watermark: number) => ({
  ...fromPerson(pageId, psid),
  timestamp: watermark + 1,
  read: { watermark },
});

export const payloadFor = (pageId: string, events: Event[]) => ({
  object: "page",
  entry: [{ id: pageId, time: Date.now(), messaging: events }],
});

// Each call comes from its own client address unless told (`forwardedFor`), so tests never share the per-address
// allowance of rejected webhook requests.
export async function postWebhook(
  orgId: string,
  body: unknown,
  options: { secret?: string; signature?: string; forwardedFor?: string } = {},
) {
  const rawBody = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-forwarded-for": options.forwardedFor ?? randomAddress(),
  };
  const signature = options.signature ?? (options.secret ? signWebhookBody(rawBody, options.secret) : undefined);
  if (signature) headers["x-hub-signature-256"] = signature;
  return callRoute(webhookRoute.POST, {
    method: "POST",
    path: `/webhook?org_id=${encodeURIComponent(orgId)}`,
    rawBody,
    headers,
  });
}

export async function verifySubscription(
  orgId: string,
  query: Record<string, string>,
  options: { forwardedFor?: string } = {},
) {
  const search = new URLSearchParams({ org_id: orgId, ...query });
  return callRoute(webhookRoute.GET, {
    path: `/webhook?${search}`,
    headers: { "x-forwarded-for": options.forwardedFor ?? randomAddress() },
  });
}

export type FacebookFixture = {
  id: string;
  /** The create's answer (its `integration`). */
  created: CallResult["json"];
  pageId: string;
  verifyToken: string;
  appSecret?: string;
  accessToken: string;
};

type FacebookOptions = {
  pageId?: string | null;
  appSecret?: string;
  /** The Meta app's id (the integration's api_key). */
  appId?: string;
  isActive?: boolean;
  accessToken?: string;
  apiBaseUrl?: string;
  /** More facebook config next to page_id, e.g. { accept_unsigned_events: true }. */
  config?: Record<string, unknown>;
};

export async function createFacebookIntegration(org: TestOrg, options: FacebookOptions = {}): Promise<FacebookFixture> {
  const pageId = options.pageId === undefined ? newPageId() : options.pageId;
  const accessToken = options.accessToken ?? newAccessToken();
  const { status, json } = await integrationApi(org.keys.admin).create({
    org_id: org.orgId,
    integration_type: "facebook",
    name: `Page ${pageId ?? "without id"}`,
    access_token: accessToken,
    is_active: options.isActive ?? true,
    ...(pageId || options.config ? { config: { ...(pageId ? { page_id: pageId } : {}), ...options.config } } : {}),
    ...(options.appId ? { api_key: options.appId } : {}),
    ...(options.appSecret ? { api_secret: options.appSecret } : {}),
    ...(options.apiBaseUrl ? { api_base_url: options.apiBaseUrl } : {}),
  });
  if (status !== 201) throw new Error(`could not create the integration: ${status} ${JSON.stringify(json)}`);
  return {
    id: json.integration.id,
    created: json.integration,
    pageId: pageId ?? newPageId(),
    verifyToken: json.integration.webhook_verify_token,
    appSecret: options.appSecret,
    accessToken,
  };
}

/** What a signed delivery needs to know of its Page. */
type DeliveryTarget = Pick<FacebookFixture, "pageId" | "appSecret">;

/** A Page whose deliveries are signed with an App Secret of its own (what most inbox tests need). */
export const signedPage = (org: TestOrg, options: Omit<FacebookOptions, "appSecret"> = {}) =>
  createFacebookIntegration(org, { ...options, appSecret: `app-secret-${newPsid()}` });

/** One signed delivery of these events to the Page, as Meta posts them. */
export const deliverEvents = (org: TestOrg, fb: DeliveryTarget, events: Event[]) =>
  postWebhook(org.orgId, payloadFor(fb.pageId, events), { secret: fb.appSecret });

/** deliverEvents, and Meta is told 200 (the delivery is stored). */
export async function deliverAccepted(org: TestOrg, fb: DeliveryTarget, events: Event[]) {
  expect((await deliverEvents(org, fb, events)).status).toBe(200);
}
