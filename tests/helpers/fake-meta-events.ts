// More of Meta's webhook event shapes (beside fake-meta-webhook.ts): quick replies, referrals, reactions, and
// deliveries on the standby channel (handover protocol).
import { fromPerson, newMid } from "./fake-meta-webhook";

const personAt = (pageId: string, psid: string, timestamp: number) => ({ ...fromPerson(pageId, psid), timestamp });

export const quickReplyEvent = (
  pageId: string,
  psid: string,
  options: { text: string; payload: string; timestamp?: number; mid?: string },
) => ({
  ...personAt(pageId, psid, options.timestamp ?? Date.now()),
  message: { mid: options.mid ?? newMid(), text: options.text, quick_reply: { payload: options.payload } },
});

export const referralEvent = (
  pageId: string,
  psid: string,
  referral: Record<string, unknown>,
  timestamp = Date.now(),
) => ({
  ...personAt(pageId, psid, timestamp),
  referral,
});

export const postbackWithReferralEvent = (
  pageId: string,
  psid: string,
  options: { title: string; payload: string; referral: Record<string, unknown>; timestamp?: number },
) => ({
  ...personAt(pageId, psid, options.timestamp ?? Date.now()),
  postback: { mid: newMid(), title: options.title, payload: options.payload, referral: options.referral },
});

export const reactionEvent = (
  pageId: string,
  psid: string,
  mid: string,
  options: { emoji?: string; unreact?: boolean; timestamp?: number } = {},
) => ({
  ...personAt(pageId, psid, options.timestamp ?? Date.now()),
  reaction: options.unreact
    ? { mid, action: "unreact" }
    : { mid, action: "react", reaction: "love", emoji: options.emoji ?? "❤️" },
});

/** A delivery whose events came on the standby channel: another app owns these threads. */
export const standbyPayloadFor = (pageId: string, events: Record<string, unknown>[]) => ({
  object: "page",
  entry: [{ id: pageId, time: Date.now(), standby: events }],
});
