// The embedded database is reachable by this app (the same OS user) and nobody else: no other local user can log
// in or read its files, whatever user and password they try, and the folder's modes are repaired on start. Exactly
// one live process owns a folder; a dead owner (kill -9) or a leftover record naming a recycled pid never blocks.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createServer } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateDevSecrets } from "@/lib/config/dev-secrets";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/tooling/embedded";
import { listeningTcpPorts } from "../helpers/listening-ports";

const NOBODY = 65534;
// Switching to another uid needs root; elsewhere the stranger's attempts are skipped and the modes still checked.
const canActAsStranger = process.getuid?.() === 0;
const tsxArgs = ["--import", "tsx"];

type Probe = { connected: boolean; error: string | null; readable: string[] };

function runAsStranger(databaseUrl: string, files: string[] = []): Promise<Probe> {
  const script = path.resolve("tests/helpers/stranger-probe.mjs");
  const child = spawn(process.execPath, [script, databaseUrl, ...files], {
    uid: NOBODY,
    gid: NOBODY,
    cwd: "/",
    env: { PATH: process.env.PATH ?? "" } as Record<string, string> as NodeJS.ProcessEnv,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) =>
    child.on("exit", () => {
      try {
        resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Probe);
      } catch {
        reject(new Error(`stranger probe failed: ${stderr}`));
      }
    }),
  );
}

/** Every folder and file under `root` whose mode is not owner-only (0700 folders, 0600 files). */
async function looseModes(root: string): Promise<string[]> {
  const loose: string[] = [];
  const visit = async (entry: string) => {
    const stat = await lstat(entry);
    const mode = stat.mode & 0o777;
    if (stat.isDirectory()) {
      if (mode !== 0o700) loose.push(`${mode.toString(8)} ${entry}`);
      for (const name of await readdir(entry)) await visit(path.join(entry, name));
    } else if (stat.isFile() && mode !== 0o600) loose.push(`${mode.toString(8)} ${entry}`);
  };
  await visit(root);
  return loose;
}

async function makeWorldAccessible(root: string) {
  const stat = await lstat(root);
  if (stat.isDirectory()) {
    await chmod(root, 0o777);
    for (const name of await readdir(root)) await makeWorldAccessible(path.join(root, name));
  } else if (stat.isFile()) await chmod(root, 0o666);
}

/** Starts `openEmbeddedDatabase(dataRoot)` in several processes at the same instant; each reports what it got. */
async function startTogether(dataRoot: string, count: number) {
  const startAt = Date.now() + 2500; // after every child has loaded its modules
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [...tsxArgs, "tests/helpers/embedded-owner-child.ts", dataRoot, String(startAt)], {
      stdio: ["pipe", "pipe", "pipe"],
    }),
  );
  const reports = await Promise.all(
    children.map(
      (child) =>
        new Promise<{ isOwner: boolean; answered: boolean }>((resolve, reject) => {
          let output = "";
          child.stdout.on("data", (chunk) => {
            output += chunk;
            if (output.includes("\n")) resolve(JSON.parse(output.split("\n")[0]));
          });
          child.stderr.on("data", (chunk) => (output += chunk));
          child.on("exit", (code) => reject(new Error(`child exited (${code}) early: ${output}`)));
        }),
    ),
  );
  const stop = () =>
    Promise.all(children.map((child) => new Promise((resolve) => (child.on("exit", resolve), child.stdin.end()))));
  return { reports, stop };
}

function startLauncher(dataRoot: string) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    PGLITE_DIR: dataRoot,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: "https://integrations.example.test", // `start` refuses a plain-HTTP one
    // No build there: Next would stop by itself soon after the database is ready; the tests act before that.
    NEXT_DIST_DIR: `.next-missing-${randomBytes(4).toString("hex")}`,
    PORT: "0",
  };
  const launcher = spawn(process.execPath, [...tsxArgs, "scripts/launch.ts", "start"], {
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  launcher.stdout.on("data", (chunk) => (output += chunk));
  launcher.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    launcher.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const databaseReady = new Promise<void>((resolve, reject) => {
    launcher.stdout.on("data", () => output.includes("Embedded database ready") && resolve());
    void exited.then(() => reject(new Error(`the launcher exited before its database was ready:\n${output}`)));
  });
  databaseReady.catch(() => {}); // awaited only by the tests that need it
  return { launcher, exited, databaseReady, output: () => output };
}

describe("embedded database access", () => {
  let dataRoot: string;
  let database: EmbeddedDatabase | null = null;

  beforeAll(async () => {
    dataRoot = await mkdtemp(path.join(tmpdir(), "oi-embedded-access-"));
    database = await openEmbeddedDatabase(dataRoot);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
    await rm(dataRoot, { recursive: true, force: true });
  });

  // Each test starts from a closed folder or an owned one, whatever the test before it left.
  async function closeDatabase() {
    await database?.close();
    database = null;
  }
  async function ownDatabase() {
    if (!database?.isOwner) {
      await closeDatabase();
      database = await openEmbeddedDatabase(dataRoot);
    }
    return database;
  }

  it.runIf(canActAsStranger)("refuses another local user, whatever user and password it sends", async () => {
    const { url } = await ownDatabase();
    // Turned away by the kernel (the socket's folder is not theirs), before PGlite sees any user or password.
    expect(await runAsStranger(url)).toMatchObject({ connected: false, error: "EACCES" });
    // The owner's own user still gets in.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    await client.end();
  });

  it.runIf(canActAsStranger)(
    "refuses another local user on the in-memory database of the tests as well",
    async () => {
      const memory = await openEmbeddedDatabase("memory://");
      try {
        expect(await runAsStranger(memory.url)).toMatchObject({ connected: false, error: "EACCES" });
      } finally {
        await memory.close();
      }
    },
    30_000,
  );

  it("keeps the folder owner-only: 0700 folders, 0600 files, nothing another user can read", async () => {
    const { url } = await ownDatabase();
    expect(await looseModes(dataRoot)).toEqual([]);
    if (!canActAsStranger) return;
    const files = [path.join(dataRoot, "pglite", "PG_VERSION"), path.join(dataRoot, "pglite", "global", "pg_control")];
    expect((await runAsStranger(url, files)).readable).toEqual([]);
  });

  it("repairs a folder that was left world-readable when it starts", async () => {
    await closeDatabase();
    await makeWorldAccessible(dataRoot);
    expect((await looseModes(dataRoot)).length).toBeGreaterThan(100);
    database = await openEmbeddedDatabase(dataRoot);
    expect(await looseModes(dataRoot)).toEqual([]);
    if (canActAsStranger) {
      const file = path.join(dataRoot, "pglite", "global", "pg_control");
      expect(await runAsStranger(database.url, [file])).toEqual({ connected: false, error: "EACCES", readable: [] });
    }
  }, 30_000);

  it("serves a folder whose path is too long for a socket from a private temp folder, one per folder", async () => {
    const parent = await mkdtemp(path.join(tmpdir(), "oi-long-"));
    const longRoot = path.join(parent, "a-folder-name-that-makes-the-path-longer-than-a-unix-socket-can-be", "data");
    const alias = path.join(parent, "alias");
    let longDatabase: EmbeddedDatabase | null = null;
    try {
      longDatabase = await openEmbeddedDatabase(longRoot);
      const socketFolder = decodeURIComponent(new URL(longDatabase.url).hostname);
      expect(path.dirname(socketFolder)).toBe(tmpdir());
      expect((await lstat(socketFolder)).mode & 0o777).toBe(0o700);
      // Another spelling of the same folder finds the same owner.
      await symlink(longRoot, alias);
      const throughAlias = await openEmbeddedDatabase(alias);
      expect(throughAlias).toMatchObject({ isOwner: false, url: longDatabase.url });
      if (canActAsStranger)
        expect(await runAsStranger(longDatabase.url)).toMatchObject({ connected: false, error: "EACCES" });
      const client = new pg.Client({ connectionString: longDatabase.url });
      await client.connect();
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await client.end();
      await longDatabase.close();
      longDatabase = null;
      await rm(socketFolder, { recursive: true, force: true });
      if (canActAsStranger) {
        // Another user who creates that folder in the shared temp folder first gets a refusal, not our database.
        await mkdir(socketFolder, { mode: 0o777 });
        await chown(socketFolder, NOBODY, NOBODY);
        await expect(openEmbeddedDatabase(longRoot)).rejects.toThrow(/belongs to another user/);
        await rm(socketFolder, { recursive: true, force: true });
      }
    } finally {
      await longDatabase?.close();
      await rm(parent, { recursive: true, force: true });
    }
  }, 60_000);

  it("keeps the development secrets owner-only, also in a folder an older version left open", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "oi-dev-secrets-"));
    try {
      const fresh = path.join(folder, "fresh", "dev-secrets.json");
      loadOrCreateDevSecrets(fresh);
      const old = path.join(folder, "old", "dev-secrets.json");
      loadOrCreateDevSecrets(old);
      await makeWorldAccessible(path.join(folder, "old"));
      expect(loadOrCreateDevSecrets(old).isNew).toBe(false);
      for (const file of [fresh, old]) expect(await looseModes(path.dirname(file))).toEqual([]);
      if (canActAsStranger) {
        await chmod(folder, 0o755);
        expect((await runAsStranger(database?.url ?? "postgresql://127.0.0.1:1/none", [fresh, old])).readable).toEqual(
          [],
        );
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("is not blocked by a leftover owner record naming a live process (a pid reused after a reboot)", async () => {
    await closeDatabase();
    // What an earlier version left behind when killed; after a reboot its pid may belong to any live process.
    const record = path.join(dataRoot, "owner.json");
    await writeFile(record, JSON.stringify({ pid: process.ppid, port: 9 }));
    try {
      database = await openEmbeddedDatabase(dataRoot);
      expect(database.isOwner).toBe(true);
    } finally {
      await rm(record, { force: true });
    }
  }, 30_000);

  it("does not share the folder with an older version that still serves it (its pid alive, its port answering)", async () => {
    await closeDatabase();
    const olderOwner = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => olderOwner.listen(0, "127.0.0.1", resolve));
    const record = path.join(dataRoot, "owner.json");
    await writeFile(
      record,
      JSON.stringify({ pid: process.pid, port: (olderOwner.address() as { port: number }).port }),
    );
    try {
      await expect(openEmbeddedDatabase(dataRoot)).rejects.toThrow(/An older version of this app .* still serves/);
    } finally {
      await new Promise((resolve) => olderOwner.close(resolve));
    }
    database = await openEmbeddedDatabase(dataRoot); // once it stopped, the record is a leftover
    expect(database.isOwner).toBe(true);
    await expect(lstat(record)).rejects.toThrow(/ENOENT/);
  }, 30_000);

  it("refuses a second live launcher on the same folder", async () => {
    await ownDatabase();
    const second = startLauncher(dataRoot);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.output()).toMatch(/Another running process owns the embedded database/);
  }, 30_000);

  it("lets the next start take over after the owning launcher was killed with SIGKILL", async () => {
    await closeDatabase();
    const killed = startLauncher(dataRoot);
    await killed.databaseReady;
    // It serves the database on its Unix socket only: no TCP port anyone on the machine could try.
    expect(listeningTcpPorts(killed.launcher.pid!)).toEqual([]);
    process.kill(-killed.launcher.pid!, "SIGKILL");
    expect(await killed.exited).toEqual({ code: null, signal: "SIGKILL" });

    database = await openEmbeddedDatabase(dataRoot);
    expect(database.isOwner).toBe(true);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS applied FROM _prisma_migrations");
    expect(rows[0].applied).toBeGreaterThan(0); // what the killed launcher migrated is there
    await client.end();
  }, 60_000);

  it("gives the folder to exactly one of several processes that start at the same moment", async () => {
    await closeDatabase();
    const together = await startTogether(dataRoot, 4);
    try {
      expect(together.reports.filter((report) => report.isOwner)).toHaveLength(1);
      expect(together.reports.every((report) => report.answered)).toBe(true);
    } finally {
      await together.stop();
    }
  }, 60_000);
});
