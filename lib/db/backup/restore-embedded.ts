// `npm run db:restore -- <file>`: a db:backup archive into an empty data folder, checked by starting the database on
// it (Postgres recovers from the checkpoint the backup was taken at) and reading its migration history. Never into a
// folder that holds anything: a restore must not mix with, or replace, a database someone still has.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { openEmbeddedDatabase } from "../tooling/embedded";
import { ensurePrivateFolder, PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from "../private-folder";
import { BACKUP_FORMAT, BACKUP_MANIFEST, PGLITE_FOLDER, type BackupManifest } from "./backup-embedded";
import { readTar } from "./tar";

export class RestoreRefusedError extends Error {}

export type RestoreResult = { dataRoot: string; files: number; manifest: BackupManifest; migrations: number };

async function isEmptyOrMissing(folder: string): Promise<boolean> {
  const entries = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  return entries.length === 0;
}

async function readManifest(content: AsyncIterable<Buffer>): Promise<BackupManifest> {
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk);
  const manifest = JSON.parse(Buffer.concat(chunks).toString("utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1)
    throw new RestoreRefusedError("This archive was not written by `npm run db:backup`.");
  return manifest;
}

async function extract(file: string, dataRoot: string): Promise<{ manifest: BackupManifest; files: number }> {
  let manifest: BackupManifest | null = null;
  let files = 0;
  for await (const { entry, content } of readTar(createReadStream(file).pipe(createGunzip()))) {
    if (!manifest) {
      if (entry.name !== BACKUP_MANIFEST)
        throw new RestoreRefusedError("This archive was not written by `npm run db:backup` (no manifest first).");
      manifest = await readManifest(content());
      continue;
    }
    // Only the database folder: nothing an archive says may land anywhere else.
    if (entry.name !== PGLITE_FOLDER && !entry.name.startsWith(`${PGLITE_FOLDER}/`))
      throw new RestoreRefusedError(`Unexpected entry in the backup: ${entry.name}`);
    const target = path.join(dataRoot, ...entry.name.split("/"));
    if (entry.type === "directory") {
      await mkdir(target, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    await pipeline(Readable.from(content()), createWriteStream(target, { mode: PRIVATE_FILE_MODE, flags: "wx" }));
    files += 1;
  }
  if (!manifest || !files) throw new RestoreRefusedError("The backup holds no database.");
  return { manifest, files };
}

/** Starts the restored database once (Postgres finishes its recovery now, not at the app's first start) and reads it. */
async function verify(dataRoot: string): Promise<number> {
  const database = await openEmbeddedDatabase(dataRoot);
  try {
    if (!database.isOwner) throw new RestoreRefusedError(`Another process opened ${dataRoot} during the restore.`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM _prisma_migrations");
      return rows[0].count;
    } finally {
      await client.end();
    }
  } finally {
    await database.close();
  }
}

export async function restoreEmbeddedDatabase(options: { dataRoot: string; file: string }): Promise<RestoreResult> {
  const dataRoot = path.resolve(options.dataRoot);
  if (!(await isEmptyOrMissing(dataRoot))) {
    throw new RestoreRefusedError(
      `${dataRoot} is not empty: restore into an empty folder (move the current one aside, or set PGLITE_DIR).`,
    );
  }
  await ensurePrivateFolder(dataRoot);
  try {
    const { manifest, files } = await extract(path.resolve(options.file), dataRoot);
    return { dataRoot, files, manifest, migrations: await verify(dataRoot) };
  } catch (error) {
    // The folder was empty before: leave it so, ready for another try.
    for (const entry of await readdir(dataRoot)) await rm(path.join(dataRoot, entry), { recursive: true, force: true });
    throw error;
  }
}
