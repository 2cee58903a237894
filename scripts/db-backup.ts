// npm run db:backup -- <file> — a consistent copy of the embedded database (PGLITE_DIR, default .data) as a
// .tar.gz, while the app runs (see lib/db/backup/backup-embedded.ts). The app pauses only while the files are copied.
// With DATABASE_URL set the data is in PostgreSQL: use pg_dump (docs/operations.md, "Backups").
// Exit code: 0 written, 1 failed, 2 usage. Prints one JSON line on stdout.
import { defaultDataRoot } from "../lib/db/tooling/embedded";
import { backupEmbeddedDatabase } from "../lib/db/backup/backup-embedded";
import { envSetting } from "../lib/config/server-env";

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith("-")) {
  console.error("Usage: npm run db:backup -- <file.tar.gz>");
  process.exit(2);
}
if (envSetting("DATABASE_URL")) {
  console.error("db:backup copies the embedded database; with DATABASE_URL set, back up PostgreSQL with pg_dump.");
  process.exit(1);
}
try {
  const result = await backupEmbeddedDatabase({ dataRoot: defaultDataRoot, file });
  console.error(
    `Backed up ${defaultDataRoot} to ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB; the app paused ${result.pausedMs.toFixed(0)} ms).`,
  );
  console.error("Keep ENCRYPTION_KEY with this backup (apart from it): the secrets inside decrypt with that key only.");
  console.log(
    JSON.stringify({
      file: result.file,
      bytes: result.bytes,
      paused_ms: Math.round(result.pausedMs),
      total_ms: Math.round(result.totalMs),
      ...result.manifest,
    }),
  );
  process.exit(0);
} catch (error) {
  console.error(`db:backup failed: ${(error as Error).message}`);
  process.exit(1);
}
