// More of Meta's webhook event shapes (beside fake-meta-webhook.ts): quick replies, referrals, reactions, and
// deliveries on the standby channel (handover protocol).
import { newMid } from "./fake-meta-webhook";

const fromPerson = (pageId: string, psid: string, timestamp: number) => ({
  sender: { id: psid },
  recipient: { id: pageId },
  timestamp,
});

export const quickReplyEvent = (
  pageId: string,
  psid: string,
  options: { text: string; payload: string; timestamp?: number; mid?: string },
) => ({
  ...fromPerson(pageId, psid, options.timestamp ?? Date.now()),
  message: { mid: options.mid ?? newMid(), text: options.text, quick_reply: { payload: options.payload } },
});

export const referralEvent = (
  pageId: string,
  psid: string,
  referral: Record<string, unknown>,
  timestamp = Date.now(),
) => ({
  ...fromPerson(pageId, psid, timestamp),
  referral,
});

export const postbackWithReferralEvent = (
  pageId: string,
  psid: string,
  options: { title: string; payload: string; referral: Record<string, unknown>; timestamp?: number },
) => ({
  ...fromPerson(pageId, psid, options.timestamp ?? Date.now()),
  postback: { mid: newMid(), title: options.title, payload: options.payload, referral: options.referral },
});

export const reactionEvent = (
  pageId: string,
  psid: string,
  mid: string,
  options: { emoji?: string; unreact?: boolean; timestamp?: number } = {},
) => ({
  ...fromPerson(pageId, psid, options.timestamp ?? Date.now()),
  reaction: options.unreact
    ? { mid, action: "unreact" }
    : { mid, action: "react", reaction: "love", emoji: options.emoji ?? "❤️" },
});

/** A delivery whose events came on the standby channel: another app owns these threads. */
export const standbyPayloadFor = (pageId: string, events: Record<string, unknown>[]) => ({
  object: "page",
  entry: [{ id: pageId, time: Date.now(), standby: events }],
});
