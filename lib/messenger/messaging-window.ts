// Meta's standard messaging window, as one pure rule shared by the send service (which refuses before calling Meta)
// and the inbox banner: a reply goes out as RESPONSE within 24 hours of the person's last message, and, only when a
// person asks for it, as MESSAGE_TAG + HUMAN_AGENT up to 7 days after it. Meta allows that tag for human replies only,
// so it is never chosen automatically. Browser-safe: no server imports.

export const STANDARD_WINDOW_MS = 24 * 60 * 60 * 1000;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export const HUMAN_AGENT_TAG = "HUMAN_AGENT";

export type MessagingWindow =
  | { state: "open"; closesAt: Date; humanAgentClosesAt: Date }
  | { state: "human_agent"; closedAt: Date; humanAgentClosesAt: Date }
  | { state: "closed"; closedAt: Date | null; humanAgentClosedAt: Date | null };

/** Where a conversation stands, from the person's last message or reaction (null: they never wrote). */
export function messagingWindow(lastInboundAt: Date | null, now = new Date()): MessagingWindow {
  if (!lastInboundAt) return { state: "closed", closedAt: null, humanAgentClosedAt: null };
  const closesAt = new Date(lastInboundAt.getTime() + STANDARD_WINDOW_MS);
  const humanAgentClosesAt = new Date(lastInboundAt.getTime() + HUMAN_AGENT_WINDOW_MS);
  if (now < closesAt) return { state: "open", closesAt, humanAgentClosesAt };
  if (now < humanAgentClosesAt) return { state: "human_agent", closedAt: closesAt, humanAgentClosesAt };
  return { state: "closed", closedAt: closesAt, humanAgentClosedAt: humanAgentClosesAt };
}

export type SendMode = { messagingType: "RESPONSE" } | { messagingType: "MESSAGE_TAG"; tag: typeof HUMAN_AGENT_TAG };

/** How a reply may be sent now, or the sentence that says why it may not (the caller answers 409 with it). */
export function sendModeFor(options: {
  lastInboundAt: Date | null;
  tag?: string | null;
  now?: Date;
}): SendMode | { refusal: string } {
  const window = messagingWindow(options.lastInboundAt, options.now);
  if (window.state === "closed" && !window.closedAt) {
    return {
      refusal:
        "This person has not written to the Page: Messenger allows replies only within 24 hours of the person's last message",
    };
  }
  if (options.tag === HUMAN_AGENT_TAG) {
    if (window.state === "closed") {
      return {
        refusal:
          `The 7-day human agent window closed at ${window.humanAgentClosedAt!.toISOString()} (7 days after the person's last ` +
          "message): Messenger allows no reply until the person writes again",
      };
    }
    return { messagingType: "MESSAGE_TAG", tag: HUMAN_AGENT_TAG };
  }
  if (window.state === "open") return { messagingType: "RESPONSE" };
  const closedAt = window.closedAt!.toISOString();
  if (window.state === "human_agent") {
    return {
      refusal:
        `The 24-hour messaging window closed at ${closedAt} (24 hours after the person's last message): a person can still ` +
        `reply as a human agent (tag HUMAN_AGENT) until ${window.humanAgentClosesAt.toISOString()}`,
    };
  }
  return {
    refusal: `The 24-hour messaging window closed at ${closedAt} (24 hours after the person's last message), and the 7-day human agent window too: Messenger allows no reply until the person writes again`,
  };
}
