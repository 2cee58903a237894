"use client";

// Where the conversation stands in Meta's standard messaging window, above the reply box: open until…, closed but a
// person may still answer as a human agent until…, or closed. The server enforces the same rule (409).
import { useEffect, useState } from "react";
import { messagingWindow, STANDARD_WINDOW_MS, type MessagingWindow } from "@/lib/messenger/messaging-window";
import { fullDate, timeAgo } from "@/lib/ui/format";

/** From the conversation's `window_closes_at` (24 h after the person's last message; null when they never wrote). */
export function useMessagingWindow(windowClosesAt: string | null): MessagingWindow {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // The state changes with time alone: a minute's precision is what people read anyway.
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const lastInboundAt = windowClosesAt ? new Date(new Date(windowClosesAt).getTime() - STANDARD_WINDOW_MS) : null;
  return messagingWindow(lastInboundAt, new Date(now));
}

const Time = ({ at }: { at: Date }) => (
  <time dateTime={at.toISOString()} title={fullDate(at.toISOString())} className="font-semibold">
    {fullDate(at.toISOString())} ({timeAgo(at.toISOString())})
  </time>
);

export function WindowBanner({ window }: { window: MessagingWindow }) {
  const tone =
    window.state === "open"
      ? "border-green-300 bg-green-50 text-green-900"
      : window.state === "human_agent"
        ? "border-amber-300 bg-amber-50 text-amber-900"
        : "border-red-300 bg-red-50 text-red-900";
  return (
    <p
      role="status"
      data-testid="window-banner"
      data-state={window.state}
      className={`rounded-md border px-3 py-2 text-sm ${tone}`}
    >
      {window.state === "open" ? (
        <>
          Messaging window open until <Time at={window.closesAt} />.
        </>
      ) : window.state === "human_agent" ? (
        <>
          24-hour window closed — reply as human agent until <Time at={window.humanAgentClosesAt} />. Only a person may
          answer now; Meta forbids automated messages.
        </>
      ) : window.closedAt ? (
        <>Messaging window closed: Messenger allows no reply until this person writes again.</>
      ) : (
        <>This person has not written to the Page: Messenger allows no reply until they do.</>
      )}
    </p>
  );
}
