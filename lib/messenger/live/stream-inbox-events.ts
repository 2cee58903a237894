// GET /organization-integration/{id}/events: the inbox as a Server-Sent Events stream. Each event row becomes
// `id: <event id>` + `event: message|conversation` + the current JSON of that message or conversation, so a client
// that reconnects with Last-Event-ID gets everything after it, in order, without gaps (or `event: reset` when that
// point is older than the kept log and it must reload).
import type { Actor } from "@/lib/auth/actor";
import { serverEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { trackSseStream } from "@/lib/metrics/app-metrics";
import { findMessengerIntegration } from "../find-messenger-integration";
import { toMessengerMessageJson } from "../serialize-message";
import { inboxEventHub } from "./inbox-event-hub";
import { ATTACHMENT_SUMMARIES } from "../attachments/attachment-json";
import { conversationsJson } from "../serialize-conversation";

const BATCH = 500;

type EventRow = { id: bigint; type: string; ref: string };

// A stream holds at most this much unread: a client that stops reading is not fed until it catches up.
const HIGH_WATER_BYTES = 1024 * 1024;

export type StreamOptions = {
  actor: Actor;
  integrationId: string;
  lastEventId: bigint | null;
  signal: AbortSignal;
  /** Throws once the caller may no longer read this inbox (revoked key, removed member, expired session). */
  reauthorize: () => Promise<void>;
};

export async function streamInboxEvents(options: StreamOptions) {
  const integration = await findMessengerIntegration(options.integrationId, options.actor, "read");
  const integrationId = integration.id;
  let cursor = options.lastEventId ?? (await newestEventId(integrationId));
  const encoder = new TextEncoder();
  let isClosed = false;
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;
  const untrack = trackSseStream();
  // The reader going away (cancel) and the request ending (abort) both end the stream here.
  const stop = () => {
    isClosed = true;
    unsubscribe();
    clearInterval(heartbeat);
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
            while ((controller.desiredSize ?? 1) > 0) {
              const events = await db().$queryRaw<EventRow[]>`
                SELECT id, type, ref FROM messenger_events
                WHERE integration_id = ${integrationId}::uuid AND id > ${cursor} ORDER BY id LIMIT ${BATCH}`;
              if (!events.length || isClosed) break;
              send(await renderEvents(integrationId, events));
              cursor = events[events.length - 1].id;
              if (events.length < BATCH) break;
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
      if (options.lastEventId !== null && (await isOlderThanKept(options.lastEventId))) {
        send(`event: reset\ndata: {}\n\n`);
        cursor = await newestEventId(integrationId);
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
    messageIds.length ? db().messengerMessage.findMany({ where: { integrationId, id: { in: messageIds } }, include: ATTACHMENT_SUMMARIES }) : [],
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
    if (json) text += `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(json)}\n\n`;
  }
  // Nothing left to show: an id-only message still moves the client's Last-Event-ID on (the spec dispatches nothing).
  return text || `id: ${events[events.length - 1].id}\n\n`;
}

async function newestEventId(integrationId: string): Promise<bigint> {
  const [row] = await db().$queryRaw<{ id: bigint | null }[]>`
    SELECT max(id) AS id FROM messenger_events WHERE integration_id = ${integrationId}::uuid`;
  return row?.id ?? 0n;
}

/**
 * Whether events after `lastEventId` may already have been pruned (the log keeps about a day). Ids are shared by all
 * integrations, so this looks at the whole log: a false alarm only makes the client reload, a miss would lose events.
 */
async function isOlderThanKept(lastEventId: bigint): Promise<boolean> {
  const [row] = await db().$queryRaw<{ id: bigint | null }[]>`SELECT min(id) AS id FROM messenger_events`;
  return row?.id != null && row.id > lastEventId + 1n;
}
