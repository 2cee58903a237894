// Webhook runs: signed Messenger batches of 1, 10 and 100 message events (each mid unique) POSTed to /webhook;
// reports events durably stored per second (counted in the database, not from the 200s) and the ack latency.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import pg from "pg";
import { z } from "zod";
import { signWebhookBody } from "../lib/messenger/webhook-signature";
import type { AppServer } from "./support/app-server";
import { runLoad } from "./load";
import type { WebhookRun } from "./report";
import type { BenchData } from "./seed";

export const WEBHOOK_BATCH_SIZES = [1, 10, 100];
export const WEBHOOK_CONNECTIONS = 8;

export function isWebhookAvailable(): boolean {
  return existsSync("app/webhook/route.ts") && process.env.BENCH_WEBHOOK !== "0";
}

export type WebhookTarget = BenchData["webhookTargets"][number];

/** A Meta-shaped delivery for one Page: `size` message events with fresh mids, and its signature header. */
export function signedBatch(target: WebhookTarget, size: number, runId: string, sequence: number) {
  const now = Date.now();
  const messaging = Array.from({ length: size }, (_, i) => ({
    sender: { id: `psid-${(sequence + i) % 50}` },
    recipient: { id: target.pageId },
    timestamp: now,
    message: { mid: `m_${runId}_${sequence}_${i}`, text: `bench message ${sequence}/${i}` },
  }));
  return signDelivery(target, messaging, now);
}

/** A Meta-shaped delivery of these `messaging` events for the target's Page, signed with its App Secret. */
export function signDelivery(target: WebhookTarget, messaging: unknown[], now = Date.now()) {
  const body = JSON.stringify({ object: "page", entry: [{ id: target.pageId, time: now, messaging }] });
  return {
    path: `/webhook?org_id=${target.orgId}`,
    body,
    headers: { "x-hub-signature-256": signWebhookBody(body, target.appSecret) },
  };
}

/** One number about the messages stored for these integrations: `total` is an SQL aggregate over messenger_messages. */
async function measureMessages(databaseUrl: string, integrationIds: string[], total: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // No bind parameters, so pg uses the simple query protocol: one message, which the embedded database's
    // connection multiplexer cannot interleave with the app's own extended-protocol messages.
    const ids = integrationIds.map((id) => `'${z.uuid().parse(id)}'`).join(", ");
    const { rows } = await client.query(
      `SELECT (${total})::int AS n FROM messenger_messages WHERE integration_id IN (${ids})`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

export const countStoredMessages = (databaseUrl: string, integrationIds: string[]) =>
  measureMessages(databaseUrl, integrationIds, "count(*)");

/** Rows sharing a mid with another row of the same integration: must always be 0 (stored exactly once). */
export const countDuplicateMessages = (databaseUrl: string, integrationIds: string[]) =>
  measureMessages(databaseUrl, integrationIds, "count(*) - count(DISTINCT (integration_id, mid))");

export async function benchWebhooks(options: {
  app: AppServer;
  databaseUrl: string;
  data: BenchData;
  seconds: number;
  log: (line: string) => void;
  label: string;
}): Promise<WebhookRun[]> {
  const { app, data, databaseUrl } = options;
  const targets = data.webhookTargets;
  const ids = targets.map((target) => target.integrationId);
  const runs: WebhookRun[] = [];
  for (const batchSize of WEBHOOK_BATCH_SIZES) {
    const runId = randomUUID().slice(0, 8);
    let sequence = 0;
    const next = () => {
      sequence += 1;
      return signedBatch(targets[sequence % targets.length], batchSize, runId, sequence * 1000);
    };
    const before = await countStoredMessages(databaseUrl, ids);
    const cpuBefore = app.cpuMs();
    const started = Date.now();
    const load = await runLoad({
      url: app.url,
      connections: WEBHOOK_CONNECTIONS,
      seconds: options.seconds,
      method: "POST",
      next,
    });
    const elapsedSeconds = (Date.now() - started) / 1000;
    const stored = (await countStoredMessages(databaseUrl, ids)) - before;
    const cpuMsPerEvent = +((app.cpuMs() - cpuBefore) / Math.max(1, stored)).toFixed(3);
    const run: WebhookRun = {
      batchSize,
      connections: WEBHOOK_CONNECTIONS,
      eventsPerSecond: Math.round(stored / elapsedSeconds),
      ackP50: load.p50,
      ackP99: load.p99,
      acked: load.ok * batchSize,
      stored,
      errors: load.errors + load.non2xx,
      cpuMsPerEvent,
    };
    runs.push(run);
    options.log(
      `${options.label} webhook batch ${batchSize}: ${run.eventsPerSecond} events/s, ack p99 ${run.ackP99} ms, stored ${stored}/${run.acked}, ${cpuMsPerEvent} cpu ms/event`,
    );
  }
  return runs;
}
