// What one delivery holds for one Facebook Page, once Meta's payload is parsed (webhook-events.ts): the messages
// (with postbacks, quick replies, referrals), receipts, reactions and who owns each thread, as stored; everything else
// kept verbatim as "unknown" for the webhook log.

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

export const emptyPageEvents = (pageId: string): PageEvents => ({
  pageId,
  messages: [],
  receipts: [],
  reactions: [],
  ownership: [],
  unknown: [],
  eventsCount: 0,
  standbyCount: 0,
});

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
