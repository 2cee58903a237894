// GET /organization-integration/{id}/events: the inbox as a Server-Sent Events stream. Each event row becomes
// `id: <tx>-<event id>` + `event: message|conversation` + the current JSON of that message or conversation, so a
// client that reconnects with Last-Event-ID gets everything after it, in order, without gaps (or `event: reset` when
// that point is older than the kept log and it must reload).
//
// Without gaps although several transactions write one inbox's events at once: the log is read in (transaction, id)
// order and only up to the oldest transaction still running (pg_snapshot_xmin). Ids are taken before commit, so
// reading by id alone would skip an event that commits after a higher one was already sent.
import type { Actor } from "@/lib/auth/actor";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { trackSseStream } from "@/lib/metrics/app-metrics";
import { findMessengerIntegration } from "../find-messenger-integration";
import { toMessengerMessageJson } from "../serialize-message";
import { formatEventCursor, START_OF_LOG, type EventCursor } from "./event-cursor";
import { inboxEventHub } from "./inbox-event-hub";
import { ATTACHMENT_SUMMARIES } from "../attachments/attachment-json";
import { conversationsJson } from "../serialize-conversation";

const BATCH = 500;

type EventRow = { tx: bigint; id: bigint; type: string; ref: string; settled: boolean };

// A read that stopped at events of a transaction newer than a running one (of any inbox: no wake-up will come for
// it) looks again this soon.
const UNSETTLED_RETRY_MS = 50;

// A stream holds at most this much unread: a client that stops reading is not fed until it catches up.
const HIGH_WATER_BYTES = 1024 * 1024;

export type StreamOptions = {
  actor: Actor;
  integrationId: string;
  lastEventId: EventCursor | "stale" | null;
  signal: AbortSignal;
  /** Throws once the caller may no longer read this inbox (revoked key, removed member, expired session). */
  reauthorize: () => Promise<void>;
};

export async function streamInboxEvents(options: StreamOptions) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const integrationId = integration.id;
  let cursor = options.lastEventId === null ? await newestEventCursor(integrationId) : options.lastEventId;
  const encoder = new TextEncoder();
  let isClosed = false;
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  const untrack = trackSseStream();
  // The reader going away (cancel) and the request ending (abort) both end the stream here.
  const stop = () => {
    isClosed = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(retry);
    untrack();
  };

  return new ReadableStream<Uint8Array>(
    {
      cancel: stop,
      async start(controller) {
        let isReading = false;
        let readAgain = false;
        const send = (text: string) => {
          if (!isClosed) controller.enqueue(encoder.encode(text));
        };
        const close = () => {
          if (isClosed) return;
          stop();
          controller.close();
        };
        // One read at a time; a wake-up during a read makes it read once more afterwards.
        const readNew = async () => {
          if (isReading) return void (readAgain = true);
          isReading = true;
          try {
            do {
              readAgain = false;
              // Backpressure: the next heartbeat or wake-up reads on once the client has caught up.
              while ((controller.desiredSize ?? 1) > 0 && cursor !== "stale") {
                const rows = await readEvents(integrationId, cursor);
                const events = rows.filter((row) => row.settled);
                if (events.length < rows.length) {
                  clearTimeout(retry);
                  retry = setTimeout(() => void readNew(), UNSETTLED_RETRY_MS);
                }
                if (!events.length || isClosed) break;
                send(await renderEvents(integrationId, events));
                cursor = events[events.length - 1];
                if (events.length < rows.length || rows.length < BATCH) break;
              }
            } while (readAgain && !isClosed);
          } catch {
            close(); // the client reconnects with Last-Event-ID and misses nothing
          } finally {
            isReading = false;
          }
        };

        options.signal.addEventListener("abort", close);
        send("retry: 3000\n\n");
        if (cursor === "stale" || (await isOlderThanKept(cursor))) {
          send(`event: reset\ndata: {}\n\n`);
          cursor = await newestEventCursor(integrationId);
        }
        if (isClosed) return;
        unsubscribe = inboxEventHub().subscribe(integrationId, () => void readNew());
        // Comments keep proxies and load balancers from closing an idle stream. Each beat also checks the caller may
        // still read this inbox, so a revoked key or a removed member stops receiving within SSE_HEARTBEAT_MS.
        heartbeat = setInterval(() => {
          options.reauthorize().then(
            () => {
              send(": keep-alive\n\n");
              void readNew();
            },
            () => close(),
          );
        }, serverEnv().SSE_HEARTBEAT_MS);
        await readNew();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: HIGH_WATER_BYTES }),
  );
}

async function renderEvents(integrationId: string, events: EventRow[]): Promise<string> {
  const messageIds = [...new Set(events.filter((e) => e.type === "message").map((e) => e.ref))];
  const psids = [...new Set(events.filter((e) => e.type === "conversation").map((e) => e.ref))];
  const [messages, conversationRows] = await Promise.all([
    messageIds.length
      ? db().messengerMessage.findMany({
          where: { integrationId, id: { in: messageIds } },
          include: ATTACHMENT_SUMMARIES,
        })
      : [],
    psids.length ? db().messengerConversation.findMany({ where: { integrationId, psid: { in: psids } } }) : [],
  ]);
  // The same JSON as the inbox endpoints: GET …/messages and GET …/conversations.
  const messageById = new Map(messages.map((row) => [row.id, toMessengerMessageJson(row)]));
  const conversations = await conversationsJson(db(), conversationRows);
  const conversationByPsid = new Map(conversations.map((json) => [json.psid, json]));
  let text = "";
  for (const event of events) {
    const json = event.type === "message" ? messageById.get(event.ref) : conversationByPsid.get(event.ref);
    // A row deleted since (retention, integration removed) is skipped; its id still moves the cursor on.
    if (json) text += `id: ${formatEventCursor(event)}\nevent: ${event.type}\ndata: ${JSON.stringify(json)}\n\n`;
  }
  // Nothing left to show: an id-only message still moves the client's Last-Event-ID on (the spec dispatches nothing).
  return text || `id: ${formatEventCursor(events[events.length - 1])}\n\n`;
}

/** The next events after `cursor`; `settled` is false from the first one a running older transaction may precede. */
async function readEvents(integrationId: string, cursor: EventCursor): Promise<EventRow[]> {
  const rows = await db().$queryRaw<(Omit<EventRow, "tx"> & { tx: string })[]>`
    SELECT tx_id::text AS tx, id, type, ref, tx_id < pg_snapshot_xmin(pg_current_snapshot()) AS settled
    FROM messenger_events
    WHERE integration_id = ${integrationId}::uuid AND (tx_id, id) > (${cursor.tx.toString()}::xid8, ${cursor.id})
    ORDER BY tx_id, id LIMIT ${BATCH}`;
  const firstUnsettled = rows.findIndex((row) => !row.settled);
  return rows.map((row, index) => ({
    ...row,
    tx: BigInt(row.tx),
    settled: firstUnsettled === -1 || index < firstUnsettled,
  }));
}

/** Where a new stream starts: after everything already committed (a stream shows what happens from now on). */
async function newestEventCursor(integrationId: string): Promise<EventCursor> {
  const [row] = await db().$queryRaw<{ tx: string; id: bigint }[]>`
    SELECT tx_id::text AS tx, id FROM messenger_events WHERE integration_id = ${integrationId}::uuid
    ORDER BY tx_id DESC, id DESC LIMIT 1`;
  return row ? { tx: BigInt(row.tx), id: row.id } : START_OF_LOG;
}

/**
 * Whether events after `lastEventId` may already have been pruned (the log keeps about a day). Ids are shared by all
 * integrations, so this looks at the whole log: a false alarm only makes the client reload, a miss would lose events.
 */
async function isOlderThanKept(cursor: EventCursor): Promise<boolean> {
  const [row] = await db().$queryRaw<{ id: bigint | null }[]>`SELECT min(id) AS id FROM messenger_events`;
  return row?.id != null && row.id > cursor.id + 1n;
}
