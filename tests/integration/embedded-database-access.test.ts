// The embedded database is reachable by this app (the same OS user) and nobody else: no other local user can log
// in or read its files, whatever user and password they try, and the folder's modes are repaired on start. Who owns
// a folder: embedded-database-owner.test.ts.
import { chmod, chown, lstat, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadOrCreateDevSecrets } from "@/lib/db/tooling/dev-secrets";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/tooling/embedded";
import {
  canActAsStranger,
  looseModes,
  makeWorldAccessible,
  NOBODY,
  runAsStranger,
  setUpDatabaseFolder,
} from "../helpers/embedded-database-probes";

describe("embedded database access", () => {
  const embedded = setUpDatabaseFolder();

  it.runIf(canActAsStranger)("refuses another local user, whatever user and password it sends", async () => {
    const { url } = await embedded.own();
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
    const { url } = await embedded.own();
    expect(await looseModes(embedded.dataRoot)).toEqual([]);
    if (!canActAsStranger) return;
    const files = [
      path.join(embedded.dataRoot, "pglite", "PG_VERSION"),
      path.join(embedded.dataRoot, "pglite", "global", "pg_control"),
    ];
    expect((await runAsStranger(url, files)).readable).toEqual([]);
  });

  it("repairs a folder that was left world-readable when it starts", async () => {
    await embedded.close();
    await makeWorldAccessible(embedded.dataRoot);
    expect((await looseModes(embedded.dataRoot)).length).toBeGreaterThan(100);
    embedded.database = await openEmbeddedDatabase(embedded.dataRoot);
    expect(await looseModes(embedded.dataRoot)).toEqual([]);
    if (canActAsStranger) {
      const file = path.join(embedded.dataRoot, "pglite", "global", "pg_control");
      expect(await runAsStranger(embedded.database.url, [file])).toEqual({
        connected: false,
        error: "EACCES",
        readable: [],
      });
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
        expect(
          (await runAsStranger(embedded.database?.url ?? "postgresql://127.0.0.1:1/none", [fresh, old])).readable,
        ).toEqual([]);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
