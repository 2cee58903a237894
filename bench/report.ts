// The shape of bench/results.json, the printed table, and the targets of issues 6 and 11.
import { evaluateInboxTargets, inboxLines } from "./inbox-report";
import type { InboxResults } from "./inbox";
import type { LoadResult } from "./load";

// cpuMsPerRequest: server CPU time per answered request — comparable even when other work shares the machine.
export type Measured = LoadResult & { cpuMsPerRequest: number };
export type EndpointResults = Record<number, { app: Measured; raw?: Measured; ratio?: number }>;
export type WebhookRun = {
  label?: string;
  batchSize: number;
  connections: number;
  eventsPerSecond: number;
  ackP50: number;
  ackP99: number;
  acked: number;
  stored: number;
  errors: number;
  cpuMsPerEvent?: number;
};
export type TargetResults = {
  database: "postgresql" | "embedded";
  rssIdleMb: number;
  rssPeakMb: number;
  endpoints: Record<string, EndpointResults>;
  webhook?: WebhookRun[];
};
export type BenchResults = {
  startedAt: string;
  machine: {
    cpus: number;
    node: string;
    secondsPerRun: number;
    loadAverageBefore: number[];
    loadAverageAfter?: number[];
  };
  targets: TargetResults[];
  twoInstanceWebhook?: WebhookRun & { instances: number; storedAfterRedelivery: number; redeliveredDuplicates: number };
  inbox?: InboxResults;
  targetsMet?: Record<string, { met: boolean; measured: string }>;
  durationSeconds?: number;
};

const READS = ["list (1,000 rows)", "detail"];

export function evaluateTargets(results: BenchResults): NonNullable<BenchResults["targetsMet"]> {
  const met: NonNullable<BenchResults["targetsMet"]> = {};
  for (const target of results.targets) {
    for (const endpoint of READS) {
      const ratios = Object.values(target.endpoints[endpoint] ?? {}).map((run) => run.ratio ?? 0);
      const worst = Math.min(...ratios);
      // Issue 6 asked 0.6 of raw for both; issue 11 asks 0.7 for the list and bounds the detail by /healthz instead.
      const floor = endpoint === "detail" ? 0.6 : 0.7;
      met[`${target.database} ${endpoint} >= ${floor}x raw`] = {
        met: worst >= floor,
        measured: `worst ratio ${worst}`,
      };
    }
    // CPU per request of the detail against the framework floor (Next + one round trip), connection count by count.
    const healthz = target.endpoints["healthz (floor)"] ?? {};
    const cpuRatios = Object.entries(target.endpoints.detail ?? {})
      .filter(([connections]) => healthz[Number(connections)])
      .map(
        ([connections, run]) =>
          +(run.app.cpuMsPerRequest / healthz[Number(connections)].app.cpuMsPerRequest).toFixed(2),
      );
    if (cpuRatios.length) {
      met[`${target.database} detail CPU <= 1.5x /healthz CPU`] = {
        met: Math.max(...cpuRatios) <= 1.5,
        measured: `ratios ${cpuRatios.join(" / ")} (1 / 8 / 32 connections)`,
      };
    }
  }
  const pgDetail = results.targets.find((t) => t.database === "postgresql")?.endpoints.detail?.[32];
  if (pgDetail)
    met["postgresql detail p99 <= 25 ms at 32 connections"] = {
      met: pgDetail.app.p99 <= 25,
      measured: `${pgDetail.app.p99} ms`,
    };
  for (const target of results.targets) {
    if (!target.webhook?.length) continue;
    const best = target.webhook.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
    met[`${target.database} webhook >= 2,000 events/s with ack p99 <= 100 ms`] = {
      met: target.webhook.some((run) => run.eventsPerSecond >= 2000 && run.ackP99 <= 100),
      measured: `best ${best.eventsPerSecond} events/s (batch ${best.batchSize}, ack p99 ${best.ackP99} ms)`,
    };
  }
  if (results.inbox) Object.assign(met, evaluateInboxTargets(results.inbox));
  return met;
}

const pad = (value: unknown, width: number) => String(value ?? "").padStart(width);

export function printTable(results: BenchResults) {
  const lines: string[] = [];
  const { machine } = results;
  lines.push(
    `\nnpm run bench — ${machine.cpus} CPUs, Node ${machine.node}, ${machine.secondsPerRun} s per run, load average ${machine.loadAverageBefore.map((n) => n.toFixed(1)).join(" ")} before / ${machine.loadAverageAfter?.map((n) => n.toFixed(1)).join(" ")} after\n`,
  );
  lines.push(
    `${"database".padEnd(11)}${"endpoint".padEnd(19)}${pad("conns", 6)}${pad("req/s", 8)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}${pad("raw req/s", 10)}${pad("ratio", 7)}${pad("cpu ms/req", 11)}${pad("raw cpu", 8)}${pad("errors", 8)}`,
  );
  for (const target of results.targets) {
    for (const [endpoint, runs] of Object.entries(target.endpoints)) {
      for (const [connections, run] of Object.entries(runs)) {
        const errors = run.app.errors + run.app.non2xx;
        lines.push(
          `${target.database.padEnd(11)}${endpoint.padEnd(19)}${pad(connections, 6)}${pad(run.app.rps, 8)}${pad(run.app.p50, 8)}${pad(run.app.p99, 8)}${pad(run.raw?.rps ?? "", 10)}${pad(run.ratio ?? "", 7)}${pad(run.app.cpuMsPerRequest, 11)}${pad(run.raw?.cpuMsPerRequest ?? "", 8)}${pad(errors, 8)}`,
        );
      }
    }
    for (const run of target.webhook ?? []) {
      lines.push(
        `${target.database.padEnd(11)}${`webhook batch ${run.batchSize}`.padEnd(19)}${pad(run.connections, 6)}${pad(`${run.eventsPerSecond} ev/s`, 14)}  ack p50 ${run.ackP50} ms, p99 ${run.ackP99} ms, stored ${run.stored}/${run.acked} acked events, ${run.cpuMsPerEvent} cpu ms/event, ${run.errors} errors`,
      );
    }
    lines.push(
      `${target.database.padEnd(11)}RSS of next-server: ${target.rssIdleMb} MB idle, ${target.rssPeakMb} MB peak under load\n`,
    );
  }
  const two = results.twoInstanceWebhook;
  if (two)
    lines.push(
      `two instances, webhook batch ${two.batchSize}: ${two.eventsPerSecond} events/s, ack p99 ${two.ackP99} ms, stored ${two.stored} (acked ${two.acked}); after redelivering the first batches to the other instance: ${two.storedAfterRedelivery} stored, ${two.redeliveredDuplicates} duplicates\n`,
    );
  if (results.inbox) lines.push(...inboxLines(results.inbox));
  for (const [target, verdict] of Object.entries(results.targetsMet ?? {}))
    lines.push(`${verdict.met ? "MET   " : "MISSED"} ${target}: ${verdict.measured}`);
  console.log(lines.join("\n"));
}
