// The production server as users run it (`npm start` → scripts/launch.ts → next start) on the embedded database:
// /healthz is public and reports the database; SIGTERM lets in-flight requests finish (while new connections are
// refused), then the launcher closes PGlite and exits 0.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedUrlOf, openEmbeddedDatabase } from "@/lib/db/tooling/embedded";
import type { AppServer } from "../../bench/support/app-server";
import { listeningTcpPorts } from "../helpers/listening-ports";
import { secretsFoundIn } from "./support/leak-scan";
import { embeddedDatabaseEnv, startProductionApp } from "./support/production-app";
import { seedOrg, type SeededOrg } from "./support/seed-org";

const encryptionKey = randomBytes(32).toString("base64");
const authSecret = randomBytes(32).toString("base64url");
let dataDir: string;
let app: AppServer;
let databaseUrl: string;
let org: SeededOrg;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "oi-system-pglite-"));
  // LOG_LEVEL debug: the leak check below reads everything the server may write.
  app = await startProductionApp(
    { encryptionKey, authSecret },
    { LOG_LEVEL: "debug", ...embeddedDatabaseEnv(dataDir) },
  );
  // Seeded the way `npm run org:create` reaches a running app: through the launcher's socket.
  databaseUrl = await embeddedUrlOf(dataDir);
  org = await seedOrg(databaseUrl, { encryptionKey });
});

afterAll(async () => {
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("production server on the embedded database", () => {
  it("answers GET /healthz without authentication, while the API requires it", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toMatch(/application\/json/);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    const list = await fetch(`${app.url}/organization-integrations?org_id=${org.orgId}`);
    expect(list.status).toBe(401);
    expect(await list.json()).toEqual({ error: expect.any(String) });
  });

  it("serves its database on a Unix socket (this OS user's processes only), no TCP port", () => {
    expect(listeningTcpPorts(app.launcher.pid!)).toEqual([]);
  });

  it("on SIGTERM finishes in-flight requests, refuses new ones, then closes the database and exits 0", async () => {
    // Hold the database: PGlite serves one session, so an open transaction makes the app's queries wait in line.
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT 1");
    const listUrl = `${app.url}/organization-integrations?org_id=${org.orgId}`;
    const inFlight = Array.from({ length: 5 }, () =>
      fetch(listUrl, { headers: { authorization: `Bearer ${org.apiKey}` } }),
    );
    await sleep(500);
    const exited = new Promise<number | null>((resolve) => app.launcher.once("exit", (code) => resolve(code)));
    app.launcher.kill("SIGTERM");
    await sleep(1000);

    expect(app.launcher.exitCode).toBeNull(); // still finishing what it accepted
    const refused = await fetch(`${app.url}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);

    await blocker.query("COMMIT");
    await blocker.end();
    const responses = await Promise.all(inFlight);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    for (const response of responses) expect(await response.json()).toEqual({ integrations: [] });
    expect(await exited).toBe(0);
    expect(app.output()).toContain("[launch] Stopped.");
    // The embedded database was closed by its owner: nothing answers on its socket and the folder is free.
    await expect(new pg.Client({ connectionString: databaseUrl }).connect()).rejects.toThrow();
    const next = await openEmbeddedDatabase(dataDir);
    expect(next.isOwner).toBe(true);
    await next.close();
    // Its whole output, start to stop, carries none of the secrets it was given or the ones it holds.
    expect(secretsFoundIn(app.output(), [encryptionKey, authSecret, org.apiKey])).toEqual([]);
  });
});
