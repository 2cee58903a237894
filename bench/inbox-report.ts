// The inbox scenario's lines in the printed table, and its targets (issue 11).
import type { InboxReads, InboxResults, ReadRun } from "./inbox";

const READ_P50_MS = 40;
const GROWTH = 3;
const SSE_P99_MS = 1_000;
const EVENTS_PER_SECOND = 2_500;
const ACK_P99_MS = 150;

const latencyRun = (runs: ReadRun[]) => runs.find((run) => run.connections === 1) ?? runs[0];

export function evaluateInboxTargets(inbox: InboxResults): Record<string, { met: boolean; measured: string }> {
  const met: Record<string, { met: boolean; measured: string }> = {};
  const [small, large] = [inbox.reads[0], inbox.reads.at(-1)!];
  for (const name of ["conversations", "thread"] as const) {
    const before = latencyRun(small[name]).p50;
    const after = latencyRun(large[name]).p50;
    met[
      `inbox ${name} p50 <= ${READ_P50_MS} ms and <= ${GROWTH}x from ${small.storedMessages} to ${large.storedMessages} messages`
    ] = {
      met: after <= READ_P50_MS && after <= GROWTH * Math.max(1, before),
      measured: `${before} → ${after} ms (1 connection)`,
    };
  }
  for (const run of inbox.sse) {
    met[`inbox live stream p99 <= ${SSE_P99_MS} ms, ${run.instances === 1 ? "one instance" : "across two instances"}`] =
      {
        met: run.delivered === run.probes && run.p99 <= SSE_P99_MS,
        measured: `p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.delivered}/${run.probes} delivered`,
      };
  }
  const steady = inbox.webhook.filter((run) => !run.label);
  const best = steady.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
  met[`inbox webhook >= ${EVENTS_PER_SECOND} events/s with ack p99 <= ${ACK_P99_MS} ms (one Page)`] = {
    met: steady.some((run) => run.eventsPerSecond >= EVENTS_PER_SECOND && run.ackP99 <= ACK_P99_MS),
    measured:
      steady
        .map((run) => `batch ${run.batchSize}: ${run.eventsPerSecond} events/s, ack p99 ${run.ackP99} ms`)
        .join("; ") + ` (best ${best.eventsPerSecond})`,
  };
  return met;
}

const readLine = (reads: InboxReads, name: "conversations" | "thread") =>
  `  ${name.padEnd(14)} at ${String(reads.storedMessages).padStart(7)} messages / ${String(reads.people).padStart(6)} people: ` +
  reads[name]
    .map(
      (run) =>
        `c=${run.connections} p50 ${run.p50} ms p99 ${run.p99} ms, ${run.rps} req/s, ${run.cpuMsPerRequest} cpu ms/req${run.errors ? `, ${run.errors} errors` : ""}`,
    )
    .join(" · ");

export function inboxLines(inbox: InboxResults): string[] {
  const lines = [
    `inbox (${inbox.database}, one Facebook integration, ${inbox.messages} messages from ${inbox.people} people):`,
  ];
  for (const reads of inbox.reads) lines.push(readLine(reads, "conversations"), readLine(reads, "thread"));
  for (const run of inbox.webhook) {
    lines.push(
      `  webhook batch ${run.batchSize} × ${run.connections}${run.label ? ` (${run.label})` : ""}: ${run.eventsPerSecond} events/s, ack p50 ${run.ackP50} ms p99 ${run.ackP99} ms, ${run.cpuMsPerEvent} cpu ms/event, stored ${run.stored}, ${run.errors} errors`,
    );
  }
  for (const run of inbox.sse) {
    lines.push(
      `  webhook 200 → event on the live stream, ${run.instances === 1 ? "same instance" : "stream on the other instance"}: p50 ${run.p50} ms, p99 ${run.p99} ms, max ${run.max} ms, ${run.delivered}/${run.probes} delivered (webhook ack p50 ${run.ackP50} ms)`,
    );
  }
  return [...lines, ""];
}
