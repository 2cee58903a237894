// The inbox at scale (issue 11): one Facebook integration on PostgreSQL fills up through signed webhook batches —
// 2,000 messages from 200 people, then up to BENCH_INBOX_MESSAGES (200,000) from BENCH_INBOX_MESSAGES / 10 people —
// and the inbox's two reads (the conversation list and one person's thread, 50 items) are measured at both sizes.
// The webhook figures are the fill itself (batches of 100) and a timed run of batches of 10 at the full size; then the
// time from a webhook's 200 to the event on an open live stream, on one instance and across two.
// PostgreSQL only: filling the embedded database with 200,000 messages takes minutes longer than the whole bench.
// Background jobs are off (JOBS_ENABLED=0): the profile fetch each new person queues would call Meta, which the
// bench cannot reach; queueing them is part of every measured delivery all the same, and the bench marks them done
// where the job runner would have (markProfilesFetched).
import pg from "pg";
import type { EncryptionKeyring } from "../lib/crypto/secrets";
import { InboxTraffic, peopleAfter, psidOf, SMALL_MESSAGES } from "./inbox-traffic";
import { runLoad } from "./load";
import type { WebhookRun } from "./report";
import { seedBenchData } from "./seed";
import { measureSseDelivery, type SseDeliveryRun } from "./sse-delivery";
import { startApp, type AppServer } from "./support/app-server";
import { createBenchDatabase, dropBenchDatabase } from "./support/bench-database";
import { countStoredMessages, WEBHOOK_CONNECTIONS } from "./webhook";

export type ReadRun = {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  errors: number;
};
export type InboxReads = {
  storedMessages: number;
  people: number;
  conversations: ReadRun[];
  thread: ReadRun[];
  sample: { conversations: number; threadMessages: number };
};
export type InboxResults = {
  database: "postgresql";
  messages: number;
  people: number;
  reads: InboxReads[];
  webhook: WebhookRun[];
  sse: SseDeliveryRun[];
};

const READ_CONNECTIONS = [1, 8];
const SSE_PROBES = 150;
const SSE_INTERVAL_MS = 30;

type Options = {
  distDir: string;
  appEnv: Record<string, string>;
  keyring: EncryptionKeyring;
  seconds: number;
  log: (line: string) => void;
};

export async function benchInbox(options: Options): Promise<InboxResults> {
  const total = Number(process.env.BENCH_INBOX_MESSAGES ?? 200_000);
  const people = Math.max(200, Math.round(total / 10));
  const databaseUrl = await createBenchDatabase("oi_bench_inbox");
  const instances: AppServer[] = [];
  try {
    const data = await seedBenchData(databaseUrl, options.keyring, 1);
    const target = data.webhookTargets[0];
    const env = {
      ...options.appEnv,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
      JOBS_ENABLED: "0",
      // The fill sends far more than a real Page's minute allowance; the limit is not what is measured.
      WEBHOOK_RATE_LIMIT_PER_MINUTE: "10000000",
    };
    options.log("inbox: starting the production server");
    const app = await startApp({ distDir: options.distDir, env });
    instances.push(app);
    const traffic = new InboxTraffic(target, people);
    const stored = () => countStoredMessages(databaseUrl, [target.integrationId]);
    const auth = { authorization: `Bearer ${data.writesOrgKey}` };
    const ingest = async (
      batchSize: number,
      run: { amount?: number; seconds?: number; connections: number },
      label?: string,
    ): Promise<WebhookRun> => {
      const before = await stored();
      const cpuBefore = app.cpuMs();
      const started = Date.now();
      const load = await runLoad({
        url: app.url,
        connections: run.connections,
        seconds: run.seconds ?? 0,
        amount: run.amount,
        method: "POST",
        next: () => traffic.nextBatch(batchSize),
      });
      const elapsedSeconds = (Date.now() - started) / 1000;
      const added = (await stored()) - before;
      const result = {
        ...(label ? { label } : {}),
        batchSize,
        connections: run.connections,
        eventsPerSecond: Math.round(added / elapsedSeconds),
        ackP50: load.p50,
        ackP99: load.p99,
        acked: load.ok * batchSize,
        stored: added,
        errors: load.errors + load.non2xx,
        cpuMsPerEvent: +((app.cpuMs() - cpuBefore) / Math.max(1, added)).toFixed(3),
      };
      options.log(
        `inbox: webhook batch ${batchSize} × ${run.connections}${label ? ` (${label})` : ""}: ${result.eventsPerSecond} events/s, ack p50 ${result.ackP50} / p99 ${result.ackP99} ms, ${added} stored, ${result.cpuMsPerEvent} cpu ms/event, ${result.errors} errors`,
      );
      return result;
    };
    const readsAt = (storedMessages: number) =>
      measureReads({
        app,
        auth,
        integrationId: target.integrationId,
        storedMessages,
        people: peopleAfter(storedMessages, people),
        seconds: options.seconds,
        log: options.log,
      });

    // The small inbox, one delivery at a time (200 people, ten messages each).
    await ingest(100, { amount: SMALL_MESSAGES / 100, connections: 1 });
    await markProfilesFetched(databaseUrl);
    const reads = [await readsAt(await stored())];
    options.log(`inbox: filling to ${total} messages from ${people} people`);
    // First everyone else's first message (a new conversation and a profile fetch queued each), then the steady state.
    const firstMessages = await ingest(
      100,
      { amount: Math.ceil(people / 100), connections: WEBHOOK_CONNECTIONS },
      "first message of new people",
    );
    await markProfilesFetched(databaseUrl);
    const webhook = [
      await ingest(100, { amount: Math.ceil((total - (await stored())) / 100), connections: WEBHOOK_CONNECTIONS }),
    ];
    reads.push(await readsAt(await stored()));
    webhook.unshift(await ingest(10, { seconds: options.seconds, connections: WEBHOOK_CONNECTIONS }));
    webhook.push(firstMessages);

    const sse: SseDeliveryRun[] = [];
    const probe = {
      integrationId: target.integrationId,
      apiKey: data.writesOrgKey,
      traffic,
      probes: SSE_PROBES,
      intervalMs: SSE_INTERVAL_MS,
    };
    sse.push(await measureSseDelivery({ ...probe, sendUrl: app.url, streamUrl: app.url, instances: 1 }));
    options.log(
      `inbox: live stream, one instance: p50 ${sse[0].p50} ms, p99 ${sse[0].p99} ms (${sse[0].delivered}/${sse[0].probes})`,
    );
    options.log("inbox: starting a second instance");
    const second = await startApp({ distDir: options.distDir, env });
    instances.push(second);
    sse.push(await measureSseDelivery({ ...probe, sendUrl: app.url, streamUrl: second.url, instances: 2 }));
    options.log(
      `inbox: live stream held on the other instance: p50 ${sse[1].p50} ms, p99 ${sse[1].p99} ms (${sse[1].delivered}/${sse[1].probes})`,
    );
    return { database: "postgresql", messages: await stored(), people, reads, webhook, sse };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await dropBenchDatabase(databaseUrl);
  }
}

/**
 * What the profile jobs would have done by now (they are off: Meta is out of reach): without it, every later message
 * of a person whose profile was never fetched queues the fetch again, which a running job runner prevents.
 */
async function markProfilesFetched(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      "UPDATE messenger_conversations SET profile_fetched_at = now() WHERE profile_fetched_at IS NULL",
    );
  } finally {
    await client.end();
  }
}

async function measureReads(options: {
  app: AppServer;
  auth: Record<string, string>;
  integrationId: string;
  storedMessages: number;
  people: number;
  seconds: number;
  log: (line: string) => void;
}): Promise<InboxReads> {
  const { app, auth, integrationId } = options;
  const base = `/organization-integration/${integrationId}`;
  const scenarios = {
    conversations: () => ({ path: `${base}/conversations?limit=50` }),
    thread: () => ({ path: `${base}/messages?psid=${psidOf(Math.floor(Math.random() * options.people))}&limit=50` }),
  };
  const get = async (path: string) => (await fetch(`${app.url}${path}`, { headers: auth })).json();
  const sample = {
    conversations: ((await get(scenarios.conversations().path)).conversations ?? []).length,
    threadMessages: ((await get(scenarios.thread().path)).messages ?? []).length,
  };
  const result: InboxReads = {
    storedMessages: options.storedMessages,
    people: options.people,
    conversations: [],
    thread: [],
    sample,
  };
  for (const [name, next] of Object.entries(scenarios) as [keyof typeof scenarios, () => { path: string }][]) {
    await runLoad({ url: app.url, connections: 8, seconds: 1, headers: auth, next }); // warm-up
    for (const connections of READ_CONNECTIONS) {
      const cpuBefore = app.cpuMs();
      const load = await runLoad({ url: app.url, connections, seconds: options.seconds, headers: auth, next });
      const run = {
        connections,
        rps: load.rps,
        p50: load.p50,
        p99: load.p99,
        cpuMsPerRequest: +((app.cpuMs() - cpuBefore) / Math.max(1, load.ok)).toFixed(2),
        errors: load.errors + load.non2xx,
      };
      result[name].push(run);
      options.log(
        `inbox ${options.storedMessages} messages, ${name} c=${connections}: p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.rps} req/s, ${run.cpuMsPerRequest} cpu ms/req, ${run.errors} errors`,
      );
    }
  }
  options.log(
    `inbox ${options.storedMessages} messages: a page has ${sample.conversations} conversations, a thread ${sample.threadMessages} messages`,
  );
  return result;
}
