// One event of a Page entry's `messaging` or `standby` list, by kind: a message or echo, a postback, a reaction, a
// referral, a delivery or read receipt. Pure: no database, so it is unit-tested on its own (webhook-events.test.ts).
import {
  ZDeliveryEvent,
  ZMessageEvent,
  ZPostbackEvent,
  ZReactionEvent,
  ZReadEvent,
  ZReferralEvent,
} from "@/lib/validations/messenger";
import type { PageEvents } from "./page-events";
import { withoutNul } from "./without-nul";

/** Meta's epoch milliseconds as a Date the database accepts; anything odd becomes "now" rather than failing. */
export function toDate(milliseconds: number | undefined, fallback: Date): Date {
  if (milliseconds === undefined || !Number.isFinite(milliseconds) || milliseconds < 0) return fallback;
  const date = new Date(milliseconds);
  return Number.isNaN(date.getTime()) ? fallback : date;
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
export function parseEvent(raw: unknown, fallbackTime: Date, into: PageEvents): string | null {
  const psid =
    parseMessage(raw, fallbackTime, into) ??
    parsePostback(raw, fallbackTime, into) ??
    parseReaction(raw, fallbackTime, into.pageId, into) ??
    parseReferral(raw, fallbackTime, into) ??
    parseReceipt(raw, into);
  if (psid === null) into.unknown.push(withoutNul(raw));
  return psid;
}

/** When an event happened (its own timestamp), else when its entry did. */
export function eventTime(raw: unknown, fallback: Date): Date {
  const timestamp = (raw as { timestamp?: unknown } | null)?.timestamp;
  return toDate(typeof timestamp === "number" ? timestamp : undefined, fallback);
}
