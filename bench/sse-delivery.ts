// Time from a webhook's `200` to the message on an open live stream (GET /organization-integration/{id}/events):
// probes are single-message signed deliveries POSTed one after another to `sendUrl`, while the stream is held on
// `streamUrl` (the same instance, or another one on the same PostgreSQL). Both moments are seen by this process.
import type { InboxTraffic } from "./inbox-traffic";

export type SseDeliveryRun = {
  instances: number;
  probes: number;
  delivered: number;
  /** ms from the webhook's 200 to the event on the stream (0 when the event came first). */
  p50: number;
  p99: number;
  max: number;
  ackP50: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const round = (value: number) => Math.round(value * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the stream and records when each `event: message` arrives, by its mid. */
async function openStream(url: string, headers: Record<string, string>, arrivals: Map<string, number>) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { ...headers, accept: "text/event-stream" },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`live stream answered ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let opened: () => void = () => {};
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const reading = (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      opened();
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!block.includes("event: message")) continue;
        const data = block.split("\n").find((line) => line.startsWith("data: "));
        const mid = data ? (JSON.parse(data.slice(6)) as { mid?: string }).mid : undefined;
        if (mid && !arrivals.has(mid)) arrivals.set(mid, performance.now());
      }
    }
  })();
  await isOpen;
  return { close: async () => (controller.abort(), await reading) };
}

export async function measureSseDelivery(options: {
  sendUrl: string;
  streamUrl: string;
  integrationId: string;
  apiKey: string;
  traffic: InboxTraffic;
  instances: number;
  probes: number;
  intervalMs: number;
}): Promise<SseDeliveryRun> {
  const arrivals = new Map<string, number>();
  const stream = await openStream(
    `${options.streamUrl}/organization-integration/${options.integrationId}/events`,
    { authorization: `Bearer ${options.apiKey}` },
    arrivals,
  );
  const acks: { mid: string; ackAt: number; ackMs: number }[] = [];
  try {
    // The instance starts listening on its first stream; probes measure the steady state, not that start.
    await sleep(1_500);
    for (let index = 0; index < options.probes; index++) {
      const { mid, delivery } = options.traffic.probe(index);
      const sentAt = performance.now();
      const response = await fetch(`${options.sendUrl}${delivery.path}`, {
        method: "POST",
        body: delivery.body,
        headers: { "content-type": "application/json", ...delivery.headers },
      });
      await response.arrayBuffer();
      const ackAt = performance.now();
      if (response.status === 200) acks.push({ mid, ackAt, ackMs: ackAt - sentAt });
      await sleep(Math.max(0, options.intervalMs - (ackAt - sentAt)));
    }
    const deadline = performance.now() + 3_000;
    while (performance.now() < deadline && acks.some((ack) => !arrivals.has(ack.mid))) await sleep(20);
  } finally {
    await stream.close();
  }
  const latencies = acks
    .filter((ack) => arrivals.has(ack.mid))
    .map((ack) => Math.max(0, arrivals.get(ack.mid)! - ack.ackAt))
    .sort((a, b) => a - b);
  const ackTimes = acks.map((ack) => ack.ackMs).sort((a, b) => a - b);
  return {
    instances: options.instances,
    probes: options.probes,
    delivered: latencies.length,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? NaN),
    ackP50: round(percentile(ackTimes, 50)),
  };
}
