// `npm run db:backup -- <file>`: a consistent copy of the embedded database while the app runs.
//
// How it stays consistent without stopping anything: PGlite has one session, which the owning process (the
// launcher) shares out through pglite-socket, and that server runs nothing but the statements of a connection that
// has a transaction open. So we connect to the owner's socket like any client, BEGIN (queued behind whatever
// transaction is running, then nobody else's statement runs), CHECKPOINT (Postgres writes every change to the data
// files), copy the files (a local copy, which is fast: nothing else gets to run meanwhile), and COMMIT. The slow part —
// tar and gzip — happens after the app runs again. The copy is what a clean checkpoint left, plus the one WAL segment
// Postgres needs to start from it; segments kept only for reuse are left out.
//
// When the app is not running, this process opens the folder itself (it then owns it for the few seconds it takes).
import { constants, createWriteStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import pg from "pg";
import { openEmbeddedDatabase } from "../tooling/embedded";
import { tarFolder } from "./tar";

export const BACKUP_FORMAT = "org-integrations/pglite-backup";
export const BACKUP_MANIFEST = "backup.json";
/** The folder of the data root that holds PGlite's files (embedded.ts opens `<dataRoot>/pglite`). */
export const PGLITE_FOLDER = "pglite";

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  version: 1;
  created_at: string;
  postgres_version: string;
  last_migration: string | null;
};

export type BackupResult = { file: string; bytes: number; pausedMs: number; totalMs: number; manifest: BackupManifest };

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/** Copies the data folder as it is now, leaving out the pid file and WAL segments outside [redo, current]. */
async function copyDataFiles(from: string, to: string, wal: { redo: string; current: string }) {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await copyDataFiles(source, target, wal);
    else if (entry.isFile()) {
      if (entry.name === "postmaster.pid") continue;
      if (
        path.basename(from) === "pg_wal" &&
        WAL_SEGMENT.test(entry.name) &&
        (entry.name < wal.redo || entry.name > wal.current)
      )
        continue;
      // A reflink where the file system has them (instant), an ordinary copy elsewhere.
      await copyFile(source, target, constants.COPYFILE_FICLONE);
    }
  }
}

async function snapshot(url: string, dataFolder: string, staging: string) {
  // BEGIN waits behind the transaction in progress; one that never ends must not hold a backup forever.
  const client = new pg.Client({ connectionString: url, query_timeout: 60_000 });
  await client.connect();
  try {
    await client.query("BEGIN");
    const pausedAt = performance.now();
    try {
      await client.query("CHECKPOINT");
      const { rows } = await client.query<{ redo: string; current: string; version: string }>(
        "SELECT redo_wal_file AS redo, pg_walfile_name(pg_current_wal_insert_lsn()) AS current, current_setting('server_version') AS version FROM pg_control_checkpoint()",
      );
      const migrations = await client.query<{ name: string }>(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1",
      );
      await copyDataFiles(dataFolder, path.join(staging, PGLITE_FOLDER), rows[0]);
      return {
        version: rows[0].version,
        lastMigration: migrations.rows[0]?.name ?? null,
        pausedMs: performance.now() - pausedAt,
      };
    } finally {
      await client.query("COMMIT");
    }
  } finally {
    await client.end();
  }
}

export async function backupEmbeddedDatabase(options: { dataRoot: string; file: string }): Promise<BackupResult> {
  const startedAt = performance.now();
  const dataFolder = path.join(options.dataRoot, PGLITE_FOLDER);
  if (!(await stat(path.join(dataFolder, "PG_VERSION")).catch(() => null))) {
    throw new Error(`There is no embedded database in ${options.dataRoot} (PGLITE_DIR).`);
  }
  const file = path.resolve(options.file);
  if (file.startsWith(`${path.resolve(dataFolder)}${path.sep}`))
    throw new Error("Write the backup outside the database folder.");
  // Next to the backup file: the same file system (so a copy can be a reflink), private (mkdtemp makes it 0700).
  const staging = await mkdtemp(path.join(path.dirname(file), ".db-backup-"));
  const database = await openEmbeddedDatabase(options.dataRoot);
  try {
    const taken = await snapshot(database.url, dataFolder, staging);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      created_at: new Date().toISOString(),
      postgres_version: taken.version,
      last_migration: taken.lastMigration,
    };
    const partial = `${file}.partial`;
    const leading = [{ name: BACKUP_MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 2)) }];
    // 0600: the backup holds everything the database does (secrets stay encrypted; their key is not in it).
    try {
      await pipeline(
        tarFolder(path.join(staging, PGLITE_FOLDER), PGLITE_FOLDER, leading),
        createGzip(),
        createWriteStream(partial, { mode: 0o600, flags: "wx" }),
      );
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return {
      file,
      bytes: (await stat(file)).size,
      pausedMs: taken.pausedMs,
      totalMs: performance.now() - startedAt,
      manifest,
    };
  } finally {
    await database.close();
    await rm(staging, { recursive: true, force: true });
  }
}
