// npm run db:restore -- <file> — a db:backup archive into an empty data folder (PGLITE_DIR, default .data), checked
// by starting the database on it. Refuses a folder that holds anything. Start the app afterwards with the same
// ENCRYPTION_KEY the backup was taken with (in development: copy the old .data/dev-secrets.json back in).
// Exit code: 0 restored, 1 failed or refused, 2 usage. Prints one JSON line on stdout.
import { defaultDataRoot } from "../lib/db/tooling/embedded";
import { restoreEmbeddedDatabase } from "../lib/db/backup/restore-embedded";

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith("-")) {
  console.error("Usage: npm run db:restore -- <file.tar.gz>   (into PGLITE_DIR, default .data, which must be empty)");
  process.exit(2);
}
try {
  const result = await restoreEmbeddedDatabase({ dataRoot: defaultDataRoot, file });
  console.error(
    `Restored the backup of ${result.manifest.created_at} into ${result.dataRoot} (${result.files} files, ${result.migrations} migrations).`,
  );
  console.error("Start the app with the ENCRYPTION_KEY this backup was taken with, or its secrets will not decrypt.");
  console.log(
    JSON.stringify({
      data_dir: result.dataRoot,
      files: result.files,
      migrations: result.migrations,
      ...result.manifest,
    }),
  );
  process.exit(0);
} catch (error) {
  console.error(`db:restore failed: ${(error as Error).message}`);
  process.exit(1);
}
