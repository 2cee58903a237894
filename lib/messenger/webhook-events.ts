// Turns Meta's webhook payload into what we store: messages (and postbacks), receipts, and everything else kept
// verbatim as "unknown" for the webhook log. Pure: no database, so it is unit-tested on its own.
import {
  ZDeliveryEvent,
  ZMessageEvent,
  ZPostbackEvent,
  ZReadEvent,
  type TWebhookPayload,
} from "@/lib/validations/messenger";

export type IncomingMessage = {
  mid: string;
  direction: "inbound" | "outbound";
  kind: "message" | "postback";
  senderId: string;
  recipientId: string;
  psid: string;
  text: string | null;
  attachments: unknown[] | null;
  postback: { title: string | null; payload: string | null } | null;
  timestamp: Date;
};

export type IncomingReceipt = { kind: "delivery" | "read"; psid: string; watermark: Date; mids: string[] };

export type PageEvents = {
  pageId: string;
  messages: IncomingMessage[];
  receipts: IncomingReceipt[];
  unknown: unknown[];
  eventsCount: number;
};

/** Meta's epoch milliseconds as a Date the database accepts; anything odd becomes "now" rather than failing. */
function toDate(milliseconds: number | undefined, fallback: Date): Date {
  if (milliseconds === undefined || !Number.isFinite(milliseconds) || milliseconds < 0) return fallback;
  const date = new Date(milliseconds);
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/** PostgreSQL refuses NUL in text and jsonb; one stray byte must not make Meta retry a batch forever. */
export function withoutNul<T>(value: T): T {
  if (typeof value === "string") return value.replaceAll("\0", "") as T;
  return JSON.parse(JSON.stringify(value), (_key, item) => (typeof item === "string" ? item.replaceAll("\0", "") : item));
}

function parseMessagingEvent(raw: unknown, fallbackTime: Date, into: PageEvents) {
  const message = ZMessageEvent.safeParse(raw);
  if (message.success) {
    const { sender, recipient, timestamp, message: body } = message.data;
    const isEcho = body.is_echo === true;
    into.messages.push({
      mid: body.mid,
      direction: isEcho ? "outbound" : "inbound",
      kind: "message",
      senderId: sender.id,
      recipientId: recipient.id,
      psid: isEcho ? recipient.id : sender.id,
      text: body.text === undefined ? null : withoutNul(body.text),
      attachments: body.attachments ? withoutNul(body.attachments) : null,
      postback: null,
      timestamp: toDate(timestamp, fallbackTime),
    });
    return;
  }
  const postback = ZPostbackEvent.safeParse(raw);
  if (postback.success) {
    const { sender, recipient, timestamp, postback: body } = postback.data;
    const at = toDate(timestamp, fallbackTime);
    into.messages.push({
      // Older postbacks carry no mid: the person and the instant identify the tap, so redeliveries still dedupe.
      mid: body.mid ?? `postback:${sender.id}:${at.getTime()}`,
      direction: "inbound",
      kind: "postback",
      senderId: sender.id,
      recipientId: recipient.id,
      psid: sender.id,
      text: body.title === undefined ? null : withoutNul(body.title),
      attachments: null,
      postback: withoutNul({ title: body.title ?? null, payload: body.payload ?? null }),
      timestamp: at,
    });
    return;
  }
  const delivery = ZDeliveryEvent.safeParse(raw);
  if (delivery.success) {
    const { sender, delivery: body } = delivery.data;
    into.receipts.push({ kind: "delivery", psid: sender.id, watermark: toDate(body.watermark, new Date(0)), mids: body.mids ?? [] });
    return;
  }
  const read = ZReadEvent.safeParse(raw);
  if (read.success) {
    into.receipts.push({ kind: "read", psid: read.data.sender.id, watermark: toDate(read.data.read.watermark, new Date(0)), mids: [] });
    return;
  }
  into.unknown.push(withoutNul(raw));
}

/** Groups the payload's events by Page (entry.id). Several entries of one Page are merged. */
export function groupEventsByPage(payload: TWebhookPayload, receivedAt = new Date()): PageEvents[] {
  const byPage = new Map<string, PageEvents>();
  for (const entry of payload.entry) {
    const { id: pageId, time, messaging, ...rest } = entry;
    let page = byPage.get(pageId);
    if (!page) {
      page = { pageId, messages: [], receipts: [], unknown: [], eventsCount: 0 };
      byPage.set(pageId, page);
    }
    const entryTime = toDate(time, receivedAt);
    for (const raw of messaging ?? []) {
      page.eventsCount += 1;
      parseMessagingEvent(raw, entryTime, page);
    }
    // Other entry fields (standby, changes, …) are not Messenger inbox events, but they are not thrown away either.
    for (const [field, value] of Object.entries(rest)) {
      page.eventsCount += Array.isArray(value) ? value.length : 1;
      page.unknown.push(withoutNul({ [field]: value }));
    }
  }
  return [...byPage.values()];
}
