// The embedded database: PGlite (Postgres in wasm) in a folder, served on loopback so the app always talks to it
// through adapter-pg, the same code path as production PostgreSQL.
//
// PGlite has no cross-process lock and two processes on one folder lose rows, so exactly one process owns the folder.
// The owner writes `owner.json` (pid + port) beside the data; any other process that needs the database (the
// org:create command while `npm start` runs, say) connects to the owner's port instead of opening the folder.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export const defaultDataRoot = path.resolve(process.env.PGLITE_DIR ?? ".data");

export type EmbeddedDatabase = { url: string; isOwner: boolean; close: () => Promise<void> };

type OwnerRecord = { pid: number; port: number };

function ownerFile(dataRoot: string) {
  return path.join(dataRoot, "owner.json");
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readLiveOwner(dataRoot: string): Promise<OwnerRecord | null> {
  const text = await readFile(ownerFile(dataRoot), "utf8").catch(() => null);
  if (!text) return null;
  try {
    const owner = JSON.parse(text) as OwnerRecord;
    return owner.pid !== process.pid && isProcessAlive(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

export function embeddedUrl(port: number) {
  // PGlite runs one query at a time whatever the pool size; `sslmode=disable` because the socket speaks plain TCP.
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

/**
 * Opens the embedded database in `dataRoot/pglite` and serves it on a loopback port, or, when another live
 * process already owns that folder, returns that process's URL. `dataRoot` "memory://" gives a throwaway database.
 */
export async function openEmbeddedDatabase(dataRoot: string = defaultDataRoot): Promise<EmbeddedDatabase> {
  const isMemory = dataRoot === "memory://";
  if (!isMemory) {
    const owner = await readLiveOwner(dataRoot);
    if (owner) return { url: embeddedUrl(owner.port), isOwner: false, close: async () => {} };
    await mkdir(dataRoot, { recursive: true });
  }
  const db = await PGlite.create(isMemory ? "memory://" : path.join(dataRoot, "pglite"));
  // Several pooled connections are multiplexed onto PGlite's single session; transactions stay exclusive.
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 64 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  if (!isMemory) await writeFile(ownerFile(dataRoot), JSON.stringify({ pid: process.pid, port } satisfies OwnerRecord));
  return {
    url: embeddedUrl(port),
    isOwner: true,
    close: async () => {
      await server.stop();
      await db.close();
      if (!isMemory) await rm(ownerFile(dataRoot), { force: true });
    },
  };
}
