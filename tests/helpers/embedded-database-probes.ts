// What the embedded database tests do from outside the app: probe it as another local user (nobody, when the tests
// run as root), list the modes that are not owner-only, open a folder up as an older version left it, start several
// owners at once, and run the launcher. Also the shared folder the tests take turns owning.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/tooling/embedded";

export const NOBODY = 65534;
// Switching to another uid needs root; elsewhere the stranger's attempts are skipped and the modes still checked.
export const canActAsStranger = process.getuid?.() === 0;
const tsxArgs = ["--import", "tsx"];

type Probe = { connected: boolean; error: string | null; readable: string[] };

export function runAsStranger(databaseUrl: string, files: string[] = []): Promise<Probe> {
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
export async function looseModes(root: string): Promise<string[]> {
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

export async function makeWorldAccessible(root: string) {
  const stat = await lstat(root);
  if (stat.isDirectory()) {
    await chmod(root, 0o777);
    for (const name of await readdir(root)) await makeWorldAccessible(path.join(root, name));
  } else if (stat.isFile()) await chmod(root, 0o666);
}

/** Starts `openEmbeddedDatabase(dataRoot)` in several processes at the same instant; each reports what it got. */
export async function startTogether(dataRoot: string, count: number) {
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

export function startLauncher(dataRoot: string) {
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

/**
 * A data folder for the file, opened before its tests and removed after them. Each test starts from a closed folder
 * (`close()`) or an owned one (`own()`), whatever the test before it left; `database` is the handle, if open.
 */
export function setUpDatabaseFolder() {
  const folder = {
    dataRoot: "",
    database: null as EmbeddedDatabase | null,
    async close() {
      await folder.database?.close();
      folder.database = null;
    },
    async own() {
      if (!folder.database?.isOwner) {
        await folder.close();
        folder.database = await openEmbeddedDatabase(folder.dataRoot);
      }
      return folder.database;
    },
  };
  beforeAll(async () => {
    folder.dataRoot = await mkdtemp(path.join(tmpdir(), "oi-embedded-access-"));
    folder.database = await openEmbeddedDatabase(folder.dataRoot);
  }, 60_000);
  afterAll(async () => {
    await folder.database?.close();
    await rm(folder.dataRoot, { recursive: true, force: true });
  });
  return folder;
}
