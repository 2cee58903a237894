// The inbox's live stream (Server-Sent Events). Same read permission as the inbox; resumes after Last-Event-ID.
import { integrationIdParam } from "@/lib/api/parse";
import { apiRoute } from "@/lib/api/route";
import { authenticate } from "@/lib/auth/authenticate";
import { findMessengerIntegration } from "@/lib/messenger/find-messenger-integration";
import { parseEventCursor } from "@/lib/messenger/live/event-cursor";
import { streamInboxEvents } from "@/lib/messenger/live/stream-inbox-events";

export const dynamic = "force-dynamic";

function lastEventIdOf(request: Request) {
  // The header is what EventSource sends on reconnect; the query parameter serves clients that cannot set headers.
  return parseEventCursor(
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("last_event_id"),
  );
}

export const GET = apiRoute(async (request, { actor, params }) => {
  const integrationId = integrationIdParam(params);
  const stream = await streamInboxEvents({
    actor,
    integrationId,
    lastEventId: lastEventIdOf(request),
    signal: request.signal,
    // The same checks as opening it, again: credentials and roles can change while a stream stays open for hours.
    reauthorize: async () => {
      const { actor: current } = await authenticate(request);
      await findMessengerIntegration(integrationId, current, "read");
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // nginx buffers responses unless told not to; a buffered stream arrives in lumps or not at all.
      "x-accel-buffering": "no",
    },
  });
});

export { corsPreflight as OPTIONS } from "@/lib/api/cors";
