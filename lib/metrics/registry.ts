// The app's Prometheus metrics: one registry per process, scraped from GET /metrics. Each instance exposes only what
// it saw itself (requests, webhook deliveries, jobs it ran); Prometheus scrapes every instance and sums.
//
// Kept on globalThis, not in a module variable: Next bundles instrumentation.ts (where the job runner lives) apart
// from the route handlers, so a module-level registry would exist once per bundle and the job metrics would never
// reach /metrics. Dev hot reload would also register every metric twice.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { databasePoolStats } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { readJobQueueDepth } from "./job-queue-depth";

function createMetrics() {
  const registry = new Registry();
  // Process CPU, memory, event-loop lag, GC: the node-level health of this instance.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "http_request_duration_seconds",
      help: "API requests by route pattern (never a raw path), method and status; _count is the request count.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: "messenger_webhook_deliveries_total",
      help: "Webhook POSTs from Meta: accepted, rejected (bad or missing signature), unmatched (no Page of ours), failed (not stored, Meta retries).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    webhookEvents: new Counter({
      name: "messenger_webhook_events_total",
      help: "Webhook events in accepted deliveries: stored (new messages), deduplicated (already stored), ignored_inactive, rejected (a Page not ours or not signed by its app).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    sendOutcomes: new Counter({
      name: "messenger_send_outcomes_total",
      help: "Send API calls: code=sent, unreachable, or Meta's error code (other for codes not listed in lib/metrics/app-metrics.ts).",
      labelNames: ["code"] as const,
      registers,
    }),
    tokenRefreshes: new Counter({
      name: "integration_token_refreshes_total",
      help: "Access-token refreshes by provider and outcome.",
      labelNames: ["provider", "outcome"] as const,
      registers,
    }),
    jobRuns: new Counter({
      name: "jobs_runs_total",
      help: "Background job attempts run by this instance: succeeded, failed (will be retried) or gave_up (last attempt failed).",
      labelNames: ["task", "outcome"] as const,
      registers,
    }),
    sseStreams: new Gauge({
      name: "messenger_sse_streams_open",
      help: "Inbox live streams (Server-Sent Events) open on this instance.",
      registers,
    }),
    jobQueueDepth: new Gauge({
      name: "jobs_queue_depth",
      help: "Jobs in the shared queue at scrape time, by task and state (ready, scheduled, running, failed); the same on every instance.",
      labelNames: ["task", "state"] as const,
      registers,
      async collect() {
        this.reset();
        try {
          for (const row of await readJobQueueDepth()) this.set({ task: row.task, state: row.state }, row.count);
        } catch (error) {
          // A scrape must still answer (the other metrics matter most when the database is in trouble).
          logger.warn({ err: error }, "metrics: could not read the job queue depth");
        }
      },
    }),
    databasePool: new Gauge({
      name: "db_pool_connections",
      help: "This instance's database pool: state=total (open), idle, waiting (queries waiting for a connection), max.",
      labelNames: ["state"] as const,
      registers,
      collect() {
        this.reset();
        const stats = databasePoolStats();
        if (!stats) return;
        for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
      },
    }),
  };
}

export type AppMetrics = ReturnType<typeof createMetrics>;

const METRICS_KEY = Symbol.for("org-integrations.metrics");
const globalForMetrics = globalThis as unknown as { [METRICS_KEY]?: AppMetrics };

export function appMetrics(): AppMetrics {
  globalForMetrics[METRICS_KEY] ??= createMetrics();
  return globalForMetrics[METRICS_KEY];
}
