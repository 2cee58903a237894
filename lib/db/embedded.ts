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

// Extended-protocol messages (Parse, Bind, Describe, Execute, Close, Flush): a client's exchange of these runs up to its
// Sync, and all of it lives in PGlite's one session (the unnamed statement and portal).
const EXTENDED_PROTOCOL_MESSAGES = new Set(["P", "B", "D", "E", "C", "H"].map((letter) => letter.charCodeAt(0)));

/**
 * pglite-socket multiplexes connections onto PGlite's single session and keeps one connection's messages together
 * only while a transaction is open. Between one connection's Parse and its Sync another connection's BEGIN or
 * Parse could run and replace the unnamed statement or portal: seen as "portal does not exist" and, worse, as
 * empty results for a row that exists. Reporting a half-finished exchange as "in transaction" makes the socket
 * server keep serving that connection until its Sync.
 */
function keepExchangesWhole(db: PGlite): PGlite {
  let isMidExchange = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === "isInTransaction") return () => isMidExchange || target.isInTransaction();
      if (property === "execProtocolRawStream") {
        return async (message: Uint8Array, options: Parameters<PGlite["execProtocolRawStream"]>[1]) => {
          try {
            return await target.execProtocolRawStream(message, options);
          } finally {
            isMidExchange = EXTENDED_PROTOCOL_MESSAGES.has(message[0]);
          }
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
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
  // Several pooled connections are multiplexed onto PGlite's single session; transactions and protocol
  // exchanges stay whole (see keepExchangesWhole).
  const server = new PGLiteSocketServer({ db: keepExchangesWhole(db), port: 0, host: "127.0.0.1", maxConnections: 64 });
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
