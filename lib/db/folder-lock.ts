// Exactly one process may open a PGlite folder (two processes on one folder lose rows and can corrupt it) and PGlite
// has no cross-process lock of its own. This lock is a listening Unix socket: it answers while its process lives and
// stops answering the moment that process is gone, however it died (kill -9 included), and it names no pid that a
// reboot could hand to an unrelated process.
//
// A claim is a hard link of the claimant's own listening socket to `owner.<n>`, n one past the highest number present.
// link() fails when the name exists, so of claimants racing for the same number exactly one gets it; and a claimant
// only goes for n+1 after finding owner.<n> silent. The holder of the highest number owns the folder. Only a new owner
// removes lower entries, so the highest entry stays in place until a higher one exists: a claimant that slept through
// that cleanup and then finds a lower number free again sees the higher entry when it checks after linking, and steps
// back. The last owner's entry stays behind after it stops: silent, it is taken over by the next start.
import { randomBytes } from "node:crypto";
import { link, readdir, unlink } from "node:fs/promises";
import { connect, createServer, type Server } from "node:net";
import path from "node:path";

const OWNER_ENTRY = /^owner\.(\d+)$/;
const CLAIM_ENTRY = /^claim-\d+-[0-9a-f]+$/;
/** The longest name this lock creates, for the socket path length check of the caller. */
export const LONGEST_LOCK_ENTRY = `claim-${"9".repeat(7)}-${"f".repeat(8)}`;
const MAX_ATTEMPTS = 100;

export type FolderLock = { release: () => Promise<void> };

/** Whether a live process listens on the Unix socket at `socketPath`. */
export function isListening(socketPath: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ path: socketPath });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      // ECONNRESET: the listener closed while this connection waited in its queue (a claimant stepping back).
      if (error.code === "ECONNREFUSED" || error.code === "ENOENT" || error.code === "ECONNRESET") resolve(false);
      // A full accept queue still means that someone listens.
      else if (error.code === "EAGAIN") resolve(true);
      else reject(error);
    });
  });
}

async function ownerNumbers(lockDir: string): Promise<number[]> {
  const numbers = (await readdir(lockDir)).map((name) => OWNER_ENTRY.exec(name)?.[1]).filter((n) => n !== undefined);
  return numbers.map(Number).sort((a, b) => b - a);
}

const ownerEntry = (lockDir: string, n: number) => path.join(lockDir, `owner.${n}`);

async function unlinkIfPresent(entry: string) {
  await unlink(entry).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
}

async function listen(socketPath: string): Promise<Server> {
  // Connections only ever come from lock probes: close them at once.
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

/** Entries of owners and claimants that are gone: every lower owner number, and silent claim sockets. */
async function removeLeftovers(lockDir: string, mine: number, myClaim: string) {
  for (const n of await ownerNumbers(lockDir)) if (n < mine) await unlinkIfPresent(ownerEntry(lockDir, n));
  for (const name of await readdir(lockDir)) {
    const entry = path.join(lockDir, name);
    // Claim names are never reused, so one found silent can be removed without racing anyone.
    if (CLAIM_ENTRY.test(name) && entry !== myClaim && !(await isListening(entry))) await unlinkIfPresent(entry);
  }
}

/**
 * Takes the lock of `lockDir` (a private folder), or returns null when a live process holds it. The lock is held
 * until `release()` or until this process ends, whichever comes first.
 */
export async function acquireFolderLock(lockDir: string): Promise<FolderLock | null> {
  const claim = path.join(lockDir, `claim-${process.pid}-${randomBytes(4).toString("hex")}`);
  const server = await listen(claim);
  const release = () => new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [highest = 0] = await ownerNumbers(lockDir);
      if (highest > 0 && (await isListening(ownerEntry(lockDir, highest)))) {
        await release();
        return null;
      }
      const mine = highest + 1;
      try {
        await link(claim, ownerEntry(lockDir, mine));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue; // another claimant got this number first
        throw error;
      }
      const [latest] = await ownerNumbers(lockDir);
      if (latest !== mine) {
        await unlinkIfPresent(ownerEntry(lockDir, mine));
        continue;
      }
      await unlinkIfPresent(claim); // the socket stays reachable as owner.<mine>
      await removeLeftovers(lockDir, mine, claim);
      return { release };
    }
    throw new Error(`Could not take the lock of ${lockDir} after ${MAX_ATTEMPTS} attempts.`);
  } catch (error) {
    await release();
    throw error;
  }
}
