// Server-Sent Events read over fetch: `id:`, `event:` and `data:` lines, one event per blank line (the WHATWG
// format). Comments (heartbeats) and `retry:` are skipped.
import type { components } from "./api-schema.js";

export type InboxEvent =
  | { id: string; event: "message"; data: components["schemas"]["MessengerMessage"] }
  | { id: string; event: "conversation"; data: components["schemas"]["Conversation"] }
  | { id: string; event: "reset"; data: Record<string, never> };

type ReadOptions = {
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  signal?: AbortSignal;
  lastEventId?: string;
};

export class InboxEventsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "InboxEventsError";
  }
}

function parseBlock(block: string): InboxEvent | null {
  let id = "";
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") id = value;
    else if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  if (!data.length) return null;
  return { id, event, data: JSON.parse(data.join("\n")) } as InboxEvent;
}

/** Throws InboxEventsError when the stream cannot be opened (status and the API's sentence). */
export async function* readInboxEvents(options: ReadOptions): AsyncGenerator<InboxEvent> {
  const headers = {
    ...options.headers,
    Accept: "text/event-stream",
    ...(options.lastEventId ? { "Last-Event-ID": options.lastEventId } : {}),
  };
  const response = await options.fetch(options.url, { headers, signal: options.signal });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new InboxEventsError(response.status, body?.error ?? `HTTP ${response.status}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, "\n");
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const event = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) yield event;
      }
    }
  } finally {
    reader.releaseLock();
    await response.body.cancel().catch(() => undefined);
  }
}
