// Turns Meta's webhook payload into what we store: messages (with postbacks, quick replies, referrals), receipts,
// reactions, who owns each thread (standby), and everything else kept verbatim as "unknown" for the webhook log.
// Pure: no database, so it is unit-tested on its own.
import {
  ZDeliveryEvent,
  ZMessageEvent,
  ZPostbackEvent,
  ZReactionEvent,
  ZReadEvent,
  ZReferralEvent,
  type TWebhookPayload,
} from "@/lib/validations/messenger";

export type IncomingReferral = Record<string, unknown>;

export type IncomingMessage = {
  mid: string;
  direction: "inbound" | "outbound";
  /** "referral": the person came back through an m.me link or an ad without writing; shown as an event in the thread. */
  kind: "message" | "postback" | "referral";
  senderId: string;
  recipientId: string;
  psid: string;
  text: string | null;
  attachments: unknown[] | null;
  postback: { title: string | null; payload: string | null } | null;
  quickReplyPayload?: string | null;
  /** An echo's Send API metadata: tells this app's own replies from others (match-echoes.ts). */
  echoMetadata?: string | null;
  referral?: IncomingReferral | null;
  timestamp: Date;
};

export type IncomingReceipt = { kind: "delivery" | "read"; psid: string; watermark: Date; mids: string[] };

/** A person's reaction to one message; `emoji` null means "unreact". */
export type IncomingReaction = { psid: string; mid: string; emoji: string | null; timestamp: Date };

/** Who owns a thread, as each event shows it: `standby` entries mean another app does; `messaging` ones that we do. */
export type ThreadOwnership = { psid: string; isInStandby: boolean; at: Date };

export type PageEvents = {
  pageId: string;
  messages: IncomingMessage[];
  receipts: IncomingReceipt[];
  reactions: IncomingReaction[];
  ownership: ThreadOwnership[];
  unknown: unknown[];
  eventsCount: number;
  standbyCount: number;
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
  return JSON.parse(JSON.stringify(value), (_key, item) =>
    typeof item === "string" ? item.replaceAll("\0", "") : item,
  );
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : withoutNul(value));

/** The person of an event: whichever side is not the Page. */
function personOf(event: { sender: { id: string }; recipient: { id: string } }, pageId: string): string {
  return event.sender.id === pageId ? event.recipient.id : event.sender.id;
}

function parseMessage(raw: unknown, fallbackTime: Date, into: PageEvents): string | null {
  const message = ZMessageEvent.safeParse(raw);
  if (!message.success) return null;
  const { sender, recipient, timestamp, message: body, referral } = message.data;
  const isEcho = body.is_echo === true;
  const psid = isEcho ? recipient.id : sender.id;
  into.messages.push({
    mid: body.mid,
    direction: isEcho ? "outbound" : "inbound",
    kind: "message",
    senderId: sender.id,
    recipientId: recipient.id,
    psid,
    text: orNull(body.text),
    attachments: orNull(body.attachments),
    postback: null,
    quickReplyPayload: orNull(body.quick_reply?.payload),
    referral: orNull(body.referral ?? referral),
    echoMetadata: isEcho ? orNull(body.metadata) : null,
    timestamp: toDate(timestamp, fallbackTime),
  });
  return psid;
}

function parsePostback(raw: unknown, fallbackTime: Date, into: PageEvents): string | null {
  const postback = ZPostbackEvent.safeParse(raw);
  if (!postback.success) return null;
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
    text: orNull(body.title),
    attachments: null,
    postback: withoutNul({ title: body.title ?? null, payload: body.payload ?? null }),
    quickReplyPayload: null,
    referral: orNull(body.referral),
    timestamp: at,
  });
  return sender.id;
}

function parseReaction(raw: unknown, fallbackTime: Date, pageId: string, into: PageEvents): string | null {
  const reaction = ZReactionEvent.safeParse(raw);
  if (!reaction.success) return null;
  const { reaction: body, timestamp } = reaction.data;
  const psid = personOf(reaction.data, pageId);
  // Meta sends the emoji with every "react" (and its name in `reaction`); "?" only if both were ever missing.
  const emoji = body.action === "react" ? withoutNul(body.emoji || body.reaction || "?") : null;
  into.reactions.push({ psid, mid: body.mid, emoji, timestamp: toDate(timestamp, fallbackTime) });
  return psid;
}

function parseReferral(raw: unknown, fallbackTime: Date, into: PageEvents): string | null {
  const referral = ZReferralEvent.safeParse(raw);
  if (!referral.success) return null;
  const { sender, recipient, timestamp } = referral.data;
  const at = toDate(timestamp, fallbackTime);
  into.messages.push({
    // Referrals have no mid: like an old postback, the person and the instant identify it across redeliveries.
    mid: `referral:${sender.id}:${at.getTime()}`,
    direction: "inbound",
    kind: "referral",
    senderId: sender.id,
    recipientId: recipient.id,
    psid: sender.id,
    text: null,
    attachments: null,
    postback: null,
    quickReplyPayload: null,
    referral: withoutNul(referral.data.referral),
    timestamp: at,
  });
  return sender.id;
}

function parseReceipt(raw: unknown, into: PageEvents): string | null {
  const delivery = ZDeliveryEvent.safeParse(raw);
  if (delivery.success) {
    const { sender, delivery: body } = delivery.data;
    into.receipts.push({
      kind: "delivery",
      psid: sender.id,
      watermark: toDate(body.watermark, new Date(0)),
      mids: body.mids ?? [],
    });
    return sender.id;
  }
  const read = ZReadEvent.safeParse(raw);
  if (!read.success) return null;
  into.receipts.push({
    kind: "read",
    psid: read.data.sender.id,
    watermark: toDate(read.data.read.watermark, new Date(0)),
    mids: [],
  });
  return read.data.sender.id;
}

/** One event of `messaging` or `standby`; returns the person it is about, or null when it was kept as unknown. */
function parseEvent(raw: unknown, fallbackTime: Date, into: PageEvents): string | null {
  const psid =
    parseMessage(raw, fallbackTime, into) ??
    parsePostback(raw, fallbackTime, into) ??
    parseReaction(raw, fallbackTime, into.pageId, into) ??
    parseReferral(raw, fallbackTime, into) ??
    parseReceipt(raw, into);
  if (psid === null) into.unknown.push(withoutNul(raw));
  return psid;
}

function eventTime(raw: unknown, fallback: Date): Date {
  const timestamp = (raw as { timestamp?: unknown } | null)?.timestamp;
  return toDate(typeof timestamp === "number" ? timestamp : undefined, fallback);
}

const emptyPage = (pageId: string): PageEvents => ({
  pageId,
  messages: [],
  receipts: [],
  reactions: [],
  ownership: [],
  unknown: [],
  eventsCount: 0,
  standbyCount: 0,
});

/** Groups the payload's events by Page (entry.id). Several entries of one Page are merged. */
export function groupEventsByPage(payload: TWebhookPayload, receivedAt = new Date()): PageEvents[] {
  const byPage = new Map<string, PageEvents>();
  for (const entry of payload.entry) {
    const { id: pageId, time, messaging, standby, ...rest } = entry;
    const page = byPage.get(pageId) ?? emptyPage(pageId);
    byPage.set(pageId, page);
    const entryTime = toDate(time, receivedAt);
    for (const [events, isInStandby] of [
      [messaging, false],
      [standby, true],
    ] as const) {
      if (!Array.isArray(events)) continue;
      for (const raw of events) {
        page.eventsCount += 1;
        if (isInStandby) page.standbyCount += 1;
        // Standby events are the conversation too (what the person said while another app answered): stored alike.
        const psid = parseEvent(raw, entryTime, page);
        if (psid !== null) page.ownership.push({ psid, isInStandby, at: eventTime(raw, entryTime) });
      }
    }
    if (standby !== undefined && !Array.isArray(standby)) rest.standby = standby;
    // Other entry fields (changes, …) are not Messenger inbox events, but they are not thrown away either.
    for (const [field, value] of Object.entries(rest)) {
      page.eventsCount += Array.isArray(value) ? value.length : 1;
      page.unknown.push(withoutNul({ [field]: value }));
    }
  }
  return [...byPage.values()];
}

/** Several Pages delivered to one integration (the org's integration without a page_id) are stored together. */
export function mergePageEvents(target: PageEvents, page: PageEvents): void {
  target.messages.push(...page.messages);
  target.receipts.push(...page.receipts);
  target.reactions.push(...page.reactions);
  target.ownership.push(...page.ownership);
  target.unknown.push(...page.unknown);
  target.eventsCount += page.eventsCount;
  target.standbyCount += page.standbyCount;
}

/** A sentence for the delivery log about what needs a person's attention in this delivery, if anything. */
export function describePageEvents(events: PageEvents): string | undefined {
  if (!events.standbyCount) return undefined;
  const people = new Set(events.ownership.filter((entry) => entry.isInStandby).map((entry) => entry.psid)).size;
  return (
    `${events.standbyCount} standby event${events.standbyCount === 1 ? "" : "s"} (handover protocol): another app owns the ` +
    `conversation with ${people} ${people === 1 ? "person" : "people"}; stored, but replies from here may be refused until it hands the thread back.`
  );
}
