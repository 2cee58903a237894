// npm run bench — builds if needed, then for PostgreSQL (a fresh database on 127.0.0.1:5432, dropped at the end)
// and for the embedded database (a temporary PGLITE_DIR): seeds, starts the production server, loads it with
// autocannon over loopback (each run bounded), compares list/detail with a raw node:http + pg server on the same
// data, records the Next server's RSS, prints a table and writes bench/results.json. Then the inbox at scale
// (bench/inbox.ts; BENCH_INBOX=0 skips it, BENCH_INBOX_MESSAGES sets its size).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createKeyring } from "../lib/crypto/secrets";
import { embeddedUrlOf } from "../lib/db/tooling/embedded";
import { runLoad } from "./load";
import { evaluateTargets, printTable, type BenchResults, type Measured, type TargetResults } from "./report";
import { createBenchDatabase, dropBenchDatabase } from "./support/bench-database";
import { startApp, type AppServer } from "./support/app-server";
import { ensureProductionBuild } from "../scripts/production-build";
import { startRawServer } from "./support/raw-process";
import { seedBenchData, type BenchData } from "./seed";
import { benchWebhooks, isWebhookAvailable } from "./webhook";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = [1, 8, 32];
const DIST_DIR = ".next-bench";
const log = (line: string) => console.error(`[bench] ${line}`);

const encryptionKey = randomBytes(32).toString("base64");
const keyring = createKeyring(encryptionKey);
// ALLOW_INSECURE_HTTP: plain HTTP on loopback, which production otherwise refuses for NEXTAUTH_URL.
const appEnv = {
  NODE_ENV: "production",
  ALLOW_INSECURE_HTTP: "1",
  ENCRYPTION_KEY: encryptionKey,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  LOG_LEVEL: "warn",
};
// Throughput of answered-with-2xx requests: a run that fails fast must not look fast.
const okRps = (result: { rps: number; ok: number; requests: number }) =>
  result.requests ? (result.rps * result.ok) / result.requests : 0;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];

type Scenario = {
  name: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  next: () => { path: string; body?: string };
  raw: boolean;
};

function scenarios(data: BenchData): Scenario[] {
  const large = { authorization: `Bearer ${data.largeOrgKey}` };
  const writes = { authorization: `Bearer ${data.writesOrgKey}` };
  const createBody = JSON.stringify({
    org_id: data.writesOrgId,
    integration_type: "hubspot",
    name: "Bench create",
    api_key: "pk",
    access_token: "bench-token",
  });
  return [
    {
      name: "list (1,000 rows)",
      method: "GET",
      headers: large,
      raw: true,
      next: () => ({ path: `/organization-integrations?org_id=${data.largeOrgId}` }),
    },
    {
      name: "detail",
      method: "GET",
      headers: large,
      raw: true,
      next: () => ({ path: `/organization-integration/${pick(data.largeOrgIntegrationIds)}` }),
    },
    // The floor: Next's routing plus one database round trip, no auth, no ORM mapping.
    { name: "healthz (floor)", method: "GET", headers: {}, raw: false, next: () => ({ path: "/healthz" }) },
    {
      name: "create",
      method: "POST",
      headers: writes,
      raw: false,
      next: () => ({ path: "/create-organization-integration", body: createBody }),
    },
    {
      name: "toggle",
      method: "POST",
      headers: writes,
      raw: false,
      next: () => ({
        path: "/toggle-organization-integration",
        body: JSON.stringify({ id: pick(data.writesOrgIntegrationIds), active: Math.random() < 0.5 }),
      }),
    },
  ];
}

async function measureTarget(kind: "postgresql" | "embedded"): Promise<TargetResults> {
  let databaseUrl = "";
  let dataDir = "";
  if (kind === "postgresql") databaseUrl = await createBenchDatabase();
  else dataDir = await mkdtemp(path.join(os.tmpdir(), "oi-bench-pglite-"));
  const poolMax = kind === "postgresql" ? "10" : "4";
  let app: AppServer | null = null;
  let stopRaw: (() => Promise<void>) | null = null;
  try {
    let data: BenchData | null = null;
    if (kind === "postgresql") data = await seedBenchData(databaseUrl, keyring);
    log(`${kind}: starting the production server`);
    app = await startApp({
      distDir: DIST_DIR,
      env: {
        ...appEnv,
        DATABASE_URL: kind === "postgresql" ? databaseUrl : undefined,
        PGLITE_DIR: dataDir || undefined,
        DATABASE_POOL_MAX: poolMax,
      },
    });
    if (kind === "embedded") {
      // The launcher owns PGlite; everything else (seed, raw server) goes through its socket, like org:create.
      databaseUrl = await embeddedUrlOf(dataDir);
      data = await seedBenchData(databaseUrl, keyring);
    }
    const raw = await startRawServer({
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: encryptionKey,
      DATABASE_POOL_MAX: poolMax,
    });
    stopRaw = raw.stop;

    const all = scenarios(data!);
    for (const scenario of all) {
      await runLoad({
        url: app.url,
        connections: 8,
        seconds: 1,
        method: scenario.method,
        headers: scenario.headers,
        next: scenario.next,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssIdleKb = app.rssKb();
    let rssPeakKb = rssIdleKb;
    const sampler = setInterval(() => (rssPeakKb = Math.max(rssPeakKb, app!.rssKb())), 250);

    const endpoints: TargetResults["endpoints"] = {};
    for (const scenario of all) {
      endpoints[scenario.name] = {};
      for (const connections of CONNECTIONS) {
        const load = async (url: string, cpuMs: () => number): Promise<Measured> => {
          const cpuBefore = cpuMs();
          const result = await runLoad({
            url,
            connections,
            seconds: SECONDS,
            method: scenario.method,
            headers: scenario.headers,
            next: scenario.next,
          });
          return { ...result, cpuMsPerRequest: +((cpuMs() - cpuBefore) / Math.max(1, result.ok)).toFixed(2) };
        };
        const ours = await load(app.url, app.cpuMs);
        if (ours.non2xx) {
          // Say why, once: a failing run measures error handling, not the endpoint.
          const sample = scenario.next();
          const response = await fetch(`${app.url}${sample.path}`, {
            method: scenario.method,
            body: sample.body,
            headers: { "content-type": "application/json", ...scenario.headers },
          });
          log(
            `${kind} ${scenario.name}: ${ours.non2xx} non-2xx ${JSON.stringify(ours.statuses)}; now ${response.status} ${(await response.text()).slice(0, 200)}`,
          );
        }
        const rawResult = scenario.raw ? await load(raw.url, raw.cpuMs) : undefined;
        endpoints[scenario.name][connections] = {
          app: ours,
          raw: rawResult,
          ratio: rawResult ? +(okRps(ours) / okRps(rawResult)).toFixed(2) : undefined,
        };
        log(
          `${kind} ${scenario.name} c=${connections}: ${ours.rps} req/s p99 ${ours.p99} ms, ${ours.cpuMsPerRequest} cpu ms/req${rawResult ? ` (raw ${rawResult.rps} req/s, ${rawResult.cpuMsPerRequest} cpu ms/req)` : ""}`,
        );
      }
    }
    const webhook = isWebhookAvailable()
      ? await benchWebhooks({ app, databaseUrl, data: data!, seconds: SECONDS, log, label: kind })
      : undefined;
    clearInterval(sampler);
    return {
      database: kind,
      rssIdleMb: Math.round(rssIdleKb / 1024),
      rssPeakMb: Math.round(rssPeakKb / 1024),
      endpoints,
      webhook,
    };
  } finally {
    await stopRaw?.();
    await app?.stop();
    if (kind === "postgresql") await dropBenchDatabase(databaseUrl);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

const started = Date.now();
ensureProductionBuild(DIST_DIR, log);
const results: BenchResults = {
  startedAt: new Date(started).toISOString(),
  machine: { cpus: os.cpus().length, node: process.version, secondsPerRun: SECONDS, loadAverageBefore: os.loadavg() },
  targets: [],
};
for (const kind of ["postgresql", "embedded"] as const) results.targets.push(await measureTarget(kind));
if (isWebhookAvailable()) {
  const { benchTwoInstanceWebhooks } = await import("./webhook-two-instances");
  results.twoInstanceWebhook = await benchTwoInstanceWebhooks({
    distDir: DIST_DIR,
    appEnv,
    keyring,
    seconds: SECONDS,
    log,
  });
}
if (isWebhookAvailable() && process.env.BENCH_INBOX !== "0") {
  const { benchInbox } = await import("./inbox");
  results.inbox = await benchInbox({ distDir: DIST_DIR, appEnv, keyring, seconds: SECONDS, log });
}
results.machine.loadAverageAfter = os.loadavg();
results.targetsMet = evaluateTargets(results);
results.durationSeconds = Math.round((Date.now() - started) / 1000);
printTable(results);
await writeFile("bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
log(`wrote bench/results.json (${results.durationSeconds} s)`);
process.exit(0);
