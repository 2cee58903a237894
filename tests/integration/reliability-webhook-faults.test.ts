// Fault injection: the database connection is dropped in the middle of a webhook burst. Meta retries every
// delivery it was not told 200 for; afterwards every event is stored exactly once — none lost, none doubled —
// and no delivery was acknowledged before its events were durable. All of this file's database traffic goes
// through a TCP proxy that the test cuts (the app's pool, mid-query and mid-transaction, included).
//
// Both databases are held to the full contract: every refusal is a 503 (retry), and each 200 is checked from
// outside at the moment it is given. On PGlite the file gets a database of its own, so cutting connections never
// disturbs the other test files sharing the run's PGlite.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/tooling/embedded";
import { applyMigrations } from "@/lib/db/tooling/schema-engine";
import {
  createFacebookIntegration,
  messageEvent,
  newPsid,
  payloadFor,
  postWebhook,
  type FacebookFixture,
} from "../helpers/fake-meta-webhook";
import { createTestOrg, type TestOrg } from "../helpers/seed";
import { proxyTargetOf, startFaultProxy, type FaultProxy } from "../system/support/tcp-fault-proxy";

const BATCHES = 48;
const EVENTS_PER_BATCH = 5;
const SENDERS = 6;
const MAX_ATTEMPTS = 40;
const isPostgres = inject("databaseKind") === "postgres";

let proxy: FaultProxy;
let direct: pg.Client;
let org: TestOrg;
let page: FacebookFixture;
const appSecret = `fault-app-secret-${randomUUID()}`;

let privateDatabase: EmbeddedDatabase | null = null;

beforeAll(async () => {
  // On PGlite, all test files share one session: cutting connections there could disturb them.
  if (!isPostgres) {
    privateDatabase = await openEmbeddedDatabase("memory://");
    await applyMigrations(privateDatabase.url);
  }
  const databaseUrl = new URL(privateDatabase?.url ?? inject("databaseUrl"));
  proxy = await startFaultProxy(proxyTargetOf(databaseUrl.toString()));
  // Before the first db() call of this worker: the app's client connects through the proxy.
  process.env.DATABASE_URL = proxy.url(databaseUrl.toString());
  direct = new pg.Client({ connectionString: databaseUrl.toString() });
  await direct.connect();
  org = await createTestOrg();
  page = await createFacebookIntegration(org, { appSecret });
});

afterAll(async () => {
  await direct?.end();
  await proxy?.close();
  await privateDatabase?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("database dropped during a webhook burst", () => {
  it("stores every event exactly once after Meta's retries; a 200 is only given for stored events", async () => {
    const psid = newPsid();
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      payloadFor(
        page.pageId,
        Array.from({ length: EVENTS_PER_BATCH }, (_, e) =>
          messageEvent(page.pageId, psid, { mid: `m_fault_${b}_${e}_${randomUUID()}`, text: `b${b} e${e}` }),
        ),
      ),
    );
    const midsOf = (batch: (typeof batches)[number]) =>
      batch.entry[0].messaging.map((event) => (event.message as { mid: string }).mid);
    const storedMids = async () => {
      const { rows } = await direct.query("SELECT mid FROM messenger_messages WHERE integration_id = $1", [page.id]);
      return rows.map((row) => row.mid as string);
    };

    const statuses: number[] = [];
    let acknowledged = 0;
    let ackedButMissing = 0;
    let next = 0;
    // Meta: each sender takes the next batch and redelivers it until it gets a 200.
    const sender = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        for (let attempt = 1; ; attempt++) {
          const response = await postWebhook(org.orgId, batch, { secret: appSecret });
          statuses.push(response.status);
          if (response.status === 200) {
            acknowledged++;
            // Told 200 means durable: the events are readable right now, from outside the app.
            const stored = new Set(await storedMids());
            if (!midsOf(batch).every((mid) => stored.has(mid))) ackedButMissing++;
            break;
          }
          if (attempt >= MAX_ATTEMPTS)
            throw new Error(`batch still refused after ${attempt} attempts (last ${response.status})`);
          await sleep(50);
        }
      }
    };
    const fault = (async () => {
      while (acknowledged < BATCHES / 4) await sleep(5);
      const dropped = proxy.cut();
      await sleep(400);
      proxy.restore();
      return dropped;
    })();
    await Promise.all([...Array.from({ length: SENDERS }, sender), fault]);

    const dropped = await fault;
    expect(dropped).toBeGreaterThan(0);
    const failures = statuses.filter((status) => status !== 200);
    // The outage really hit deliveries, and each refusal told Meta to retry (503), never a 500.
    expect(failures.length).toBeGreaterThan(0);
    expect([...new Set(failures)]).toEqual([503]);
    expect(ackedButMissing).toBe(0);
    const stored = await storedMids();
    expect(stored).toHaveLength(BATCHES * EVENTS_PER_BATCH);
    expect(new Set(stored)).toEqual(new Set(batches.flatMap(midsOf)));
  }, 120_000);
});
