// Where a live stream is in an inbox's event log: the writing transaction and the event id, sent to clients as the SSE
// `id` ("<tx>-<id>") and read back from Last-Event-ID. Events are ordered by (tx, id), and a stream only reads past
// transactions older than every running one (stream-inbox-events.ts), so a reconnect resumes exactly where it was.
import { badRequest } from "@/lib/errors";

export type EventCursor = { tx: bigint; id: bigint };

export const START_OF_LOG: EventCursor = { tx: 0n, id: 0n };

export const formatEventCursor = (cursor: EventCursor) => `${cursor.tx}-${cursor.id}`;

/**
 * `null` without a value; "stale" for a bare number (an id from before events carried their transaction): that
 * client reloads once, as after a pruned log.
 */
export function parseEventCursor(value: string | null): EventCursor | "stale" | null {
  if (value === null || value === "") return null;
  if (/^\d{1,19}$/.test(value)) return "stale";
  const match = /^(\d{1,20})-(\d{1,19})$/.exec(value);
  if (!match) throw badRequest("Last-Event-ID must be an event id");
  return { tx: BigInt(match[1]), id: BigInt(match[2]) };
}
