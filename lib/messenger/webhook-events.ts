// Turns Meta's webhook payload into what we store: its entries grouped by Page, each event parsed by kind
// (parse-messaging-event.ts), and the entry fields that are not Messenger inbox events kept verbatim as "unknown" for
// the webhook log. Pure: no database, so it is unit-tested on its own.
import type { TWebhookPayload } from "@/lib/validations/messenger";
import { emptyPageEvents, type PageEvents } from "./page-events";
import { eventTime, parseEvent, toDate } from "./parse-messaging-event";
import { withoutNul } from "./without-nul";

/** Groups the payload's events by Page (entry.id). Several entries of one Page are merged. */
export function groupEventsByPage(payload: TWebhookPayload, receivedAt = new Date()): PageEvents[] {
  const byPage = new Map<string, PageEvents>();
  for (const entry of payload.entry) {
    const { id: pageId, time, messaging, standby, ...rest } = entry;
    const page = byPage.get(pageId) ?? emptyPageEvents(pageId);
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
