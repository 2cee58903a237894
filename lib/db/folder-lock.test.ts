// The lock that lets exactly one process own an embedded database folder: a listening socket, so a holder that is
// gone (however it died) never blocks the next one, and racing claimants never both win.
import { link, mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireFolderLock, isListening, type FolderLock } from "./folder-lock";

let lockDir: string;
const held: FolderLock[] = [];

beforeEach(async () => {
  lockDir = await mkdtemp(path.join(tmpdir(), "oi-lock-"));
});
afterEach(async () => {
  await Promise.all(held.splice(0).map((lock) => lock.release()));
  await rm(lockDir, { recursive: true, force: true });
});

async function acquire() {
  const lock = await acquireFolderLock(lockDir);
  if (lock) held.push(lock);
  return lock;
}

/** What a holder killed with SIGKILL leaves: its entry, on a socket nobody listens on any more. */
async function leaveDeadOwner(n: number) {
  const server = createServer();
  const socketPath = path.join(lockDir, `dead-${n}`);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  await link(socketPath, path.join(lockDir, `owner.${n}`));
  await new Promise<void>((resolve) => server.close(() => resolve())); // removes dead-<n>, keeps owner.<n>
}

describe("folder lock", () => {
  it("is held by one claimant at a time and passes on after release", async () => {
    const first = await acquire();
    expect(first).not.toBeNull();
    expect(await acquire()).toBeNull();
    await first!.release();
    expect(await acquire()).not.toBeNull();
  });

  it("is taken over from a holder that is gone, whose entries are then cleared", async () => {
    await leaveDeadOwner(6);
    await leaveDeadOwner(7);
    expect(await isListening(path.join(lockDir, "owner.7"))).toBe(false);
    expect(await acquire()).not.toBeNull();
    expect(await readdir(lockDir)).toEqual(["owner.8"]);
    expect(await isListening(path.join(lockDir, "owner.8"))).toBe(true);
  });

  it("goes to exactly one of many claimants racing for it, fresh or after a dead holder", async () => {
    // Rounds, because a race is only sometimes lost: link() replaced by a plain write loses about one fresh round in three.
    for (let round = 0; round < 60; round++) {
      await rm(lockDir, { recursive: true, force: true });
      lockDir = await mkdtemp(path.join(tmpdir(), "oi-lock-"));
      if (round % 2) await leaveDeadOwner(1);
      const results = await Promise.all(Array.from({ length: 16 }, () => acquire()));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await readdir(lockDir)).filter((name) => name.startsWith("owner."))).toHaveLength(1);
      await Promise.all(held.splice(0).map((lock) => lock.release()));
    }
  });
});
