// Two production instances on one PostgreSQL and one Redis, webhook load split across both (distinct batches),
// then the first batches redelivered to the other instance: stored events must not change.
import { randomUUID } from "node:crypto";
import type { EncryptionKeyring } from "../lib/crypto/secrets";
import { runLoad } from "./load";
import type { BenchResults } from "./report";
import { seedBenchData } from "./seed";
import { startApp, type AppServer } from "./support/app-server";
import { createBenchDatabase, dropBenchDatabase } from "./support/bench-database";
import { countDuplicateMessages, countStoredMessages, signedBatch, WEBHOOK_CONNECTIONS } from "./webhook";

const BATCH_SIZE = 100;
const REDELIVERED_BATCHES = 50;

export async function benchTwoInstanceWebhooks(options: {
  distDir: string;
  appEnv: Record<string, string>;
  keyring: EncryptionKeyring;
  seconds: number;
  log: (line: string) => void;
}): Promise<NonNullable<BenchResults["twoInstanceWebhook"]>> {
  const databaseUrl = await createBenchDatabase("oi_bench_two");
  const instances: AppServer[] = [];
  try {
    const data = await seedBenchData(databaseUrl, options.keyring);
    const env = {
      ...options.appEnv,
      DATABASE_URL: databaseUrl,
      REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
    };
    options.log("two instances: starting both");
    instances.push(
      ...(await Promise.all([
        startApp({ distDir: options.distDir, env }),
        startApp({ distDir: options.distDir, env }),
      ])),
    );
    const targets = data.webhookTargets;
    const ids = targets.map((target) => target.integrationId);
    const runId = randomUUID().slice(0, 8);
    let sequence = 0;
    const sent: ReturnType<typeof signedBatch>[] = [];
    const next = () => {
      sequence += 1;
      const batch = signedBatch(targets[sequence % targets.length], BATCH_SIZE, runId, sequence * 1000);
      if (sent.length < REDELIVERED_BATCHES) sent.push(batch);
      return batch;
    };
    // Warm both first (route compilation, pools): a cold instance's first answers would otherwise fall off a short run.
    await Promise.all(
      instances.map((instance) => runLoad({ url: instance.url, connections: 2, seconds: 1, method: "POST", next })),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // deliveries cut off by the end of the warm-up finish
    const before = await countStoredMessages(databaseUrl, ids);
    const started = Date.now();
    const loads = await Promise.all(
      instances.map((instance) =>
        runLoad({
          url: instance.url,
          connections: WEBHOOK_CONNECTIONS / 2,
          seconds: options.seconds,
          method: "POST",
          next,
        }),
      ),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const stored = (await countStoredMessages(databaseUrl, ids)) - before;

    // Meta redelivers what it is unsure about, possibly to another instance behind the load balancer.
    let index = 0;
    const redeliver = () => sent[index++ % sent.length];
    await runLoad({ url: instances[1].url, connections: 2, seconds: 1, method: "POST", next: redeliver });
    const afterRedelivery = (await countStoredMessages(databaseUrl, ids)) - before;
    const duplicates = await countDuplicateMessages(databaseUrl, ids);
    const acked = loads.reduce((sum, load) => sum + load.ok, 0) * BATCH_SIZE;
    const result = {
      instances: instances.length,
      batchSize: BATCH_SIZE,
      connections: WEBHOOK_CONNECTIONS,
      eventsPerSecond: Math.round(stored / elapsedSeconds),
      ackP50: Math.max(...loads.map((load) => load.p50)),
      ackP99: Math.max(...loads.map((load) => load.p99)),
      acked,
      stored,
      errors: loads.reduce((sum, load) => sum + load.errors + load.non2xx, 0),
      // Redelivering batches that were already stored adds nothing; batches the load run never got acknowledged
      // (cut off at its end) are stored now, as Meta's retries would store them.
      storedAfterRedelivery: afterRedelivery,
      redeliveredDuplicates: duplicates,
    };
    options.log(
      `two instances: ${result.eventsPerSecond} events/s, ack p99 ${result.ackP99} ms, ${result.redeliveredDuplicates} duplicates after redelivering ${REDELIVERED_BATCHES} batches`,
    );
    return result;
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await dropBenchDatabase(databaseUrl);
  }
}
