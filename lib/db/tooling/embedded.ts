// The embedded database: PGlite (Postgres in wasm) in a folder, served on a Unix socket so the app always talks to it
// through adapter-pg, the same code path as production PostgreSQL.
//
// pglite-socket lets in anyone who connects, whatever user and password they send: what keeps other local users
// out is where it listens. The socket sits in a folder only this OS user can enter (0700), so the kernel refuses
// everyone else before a byte reaches PGlite; no TCP port is opened. Other processes of the same user (Next,
// `npm run org:create` while the app runs) connect to that socket.
//
// PGlite has no cross-process lock and two processes on one folder lose rows, so exactly one process owns the folder
// (see ../folder-lock.ts); any other process that needs the database connects to the owner's socket.
//
// Tooling, not the app: scripts (launch, migrate, backup) and tests open the embedded database through this file.
import { createHash } from "node:crypto";
import { chmod, mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { envSetting } from "../../config/server-env";
import { acquireFolderLock, isListening, LONGEST_LOCK_ENTRY } from "../folder-lock";
import { clearOlderOwnerRecord } from "../older-owner-record";
import { ensurePrivateFolder, PRIVATE_FILE_MODE, restrictFolderModes } from "../private-folder";

export const defaultDataRoot = path.resolve(envSetting("PGLITE_DIR"));

export type EmbeddedDatabase = { url: string; isOwner: boolean; close: () => Promise<void> };

// pg looks for a Unix socket named `.s.PGSQL.<port>` in the folder given as host.
const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
// A Unix socket path holds at most 107 bytes (103 on macOS), and Node cuts longer ones short without a word.
const MAX_SOCKET_PATH_BYTES = 100;
// How long a process that is not the owner waits for the owner to start serving (a fresh folder takes ~4 s).
const OWNER_START_TIMEOUT_MS = 60_000;

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

/** The URL of the embedded database whose sockets are in `socketFolder` (the same OS user only). */
export function embeddedUrl(socketFolder: string) {
  return `postgresql://postgres@${encodeURIComponent(socketFolder)}:${SOCKET_PORT}/postgres`;
}

/**
 * Where the sockets of a data folder live: `<dataRoot>/run`, or — when that path is too long for a socket — a
 * private folder in the temp folder named after the data folder's real path (one folder, one name, one lock).
 */
async function socketFolderOf(dataRoot: string): Promise<string> {
  const realRoot = await realpath(dataRoot);
  const inside = path.join(realRoot, "run");
  if (Buffer.byteLength(path.join(inside, LONGEST_LOCK_ENTRY)) <= MAX_SOCKET_PATH_BYTES) return inside;
  const digest = createHash("sha256").update(realRoot).digest("hex").slice(0, 16);
  return path.join(tmpdir(), `org-integrations-${process.getuid?.() ?? "user"}-${digest}`);
}

/** The URL of the embedded database of `dataRoot` as its owner serves it (for tools and tests beside a launcher). */
export async function embeddedUrlOf(dataRoot: string = defaultDataRoot): Promise<string> {
  return embeddedUrl(await socketFolderOf(dataRoot));
}

async function serve(db: PGlite, socketPath: string): Promise<PGLiteSocketServer> {
  // Several pooled connections are multiplexed onto PGlite's single session; transactions and protocol
  // exchanges stay whole (see keepExchangesWhole).
  const server = new PGLiteSocketServer({ db: keepExchangesWhole(db), path: socketPath, maxConnections: 64 });
  await server.start();
  await chmod(socketPath, PRIVATE_FILE_MODE);
  return server;
}

async function waitUntilServing(socketPath: string) {
  const deadline = Date.now() + OWNER_START_TIMEOUT_MS;
  while (!(await isListening(socketPath))) {
    if (Date.now() > deadline)
      throw new Error(`The process that owns the embedded database did not start serving it at ${socketPath}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A throwaway in-memory database (tests, migration diffs), on a socket in a fresh private temp folder. */
async function openInMemory(): Promise<EmbeddedDatabase> {
  const socketFolder = await mkdtemp(path.join(tmpdir(), "oi-pglite-")); // created 0700
  const db = await PGlite.create("memory://");
  const server = await serve(db, path.join(socketFolder, SOCKET_NAME));
  return {
    url: embeddedUrl(socketFolder),
    isOwner: true,
    close: async () => {
      await server.stop();
      await db.close();
      await rm(socketFolder, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the embedded database in `dataRoot/pglite` and serves it on a Unix socket, or, when another live process
 * already owns that folder, returns that process's URL. `dataRoot` "memory://" gives a throwaway database.
 */
export async function openEmbeddedDatabase(dataRoot: string = defaultDataRoot): Promise<EmbeddedDatabase> {
  if (dataRoot === "memory://") return openInMemory();
  await ensurePrivateFolder(dataRoot);
  const socketFolder = await socketFolderOf(dataRoot);
  await ensurePrivateFolder(socketFolder, { allowSymlink: false });
  const url = embeddedUrl(socketFolder);
  const socketPath = path.join(socketFolder, SOCKET_NAME);
  const lock = await acquireFolderLock(socketFolder);
  if (!lock) {
    await waitUntilServing(socketPath);
    return { url, isOwner: false, close: async () => {} };
  }
  let db: PGlite | null = null;
  try {
    await clearOlderOwnerRecord(dataRoot);
    // Left behind by an owner that was killed; only the lock holder may remove it.
    await rm(socketPath, { force: true });
    db = await PGlite.create(path.join(dataRoot, "pglite"));
    // Repairs folders left open by older versions, and the world-readable files PGlite unpacks into a new one.
    await restrictFolderModes(dataRoot);
    const server = await serve(db, socketPath);
    const opened = db;
    return {
      url,
      isOwner: true,
      // The lock goes last, and only once PGlite is closed: should anything fail, it is held until this process ends.
      close: async () => {
        await server.stop();
        await opened.close();
        // Files Postgres wrote while running (its relation cache files) follow the umask, not 0600.
        await restrictFolderModes(dataRoot);
        await lock.release();
      },
    };
  } catch (error) {
    await db?.close();
    await lock.release();
    throw error;
  }
}
