// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database when it is unset, then
// rewrites secrets stored in an older format (see lib/crypto/migrate-secret-formats.ts) when ENCRYPTION_KEY is known.
import { devEncryptionKeyForCommand } from "../lib/db/tooling/dev-secrets";
import { migrateSecretFormats } from "../lib/crypto/migrate-secret-formats";
import { createKeyring } from "../lib/crypto/secrets";
import { applyMigrations } from "../lib/db/tooling/schema-engine";
import { openEmbeddedDatabase } from "../lib/db/tooling/embedded";
import { commaList, envSetting } from "../lib/config/server-env";

// Development has no ENCRYPTION_KEY in the environment: the app uses the generated one, and so does this command.
const devEncryptionKey = devEncryptionKeyForCommand();
if (devEncryptionKey) process.env.ENCRYPTION_KEY = devEncryptionKey;

const databaseUrl = envSetting("DATABASE_URL");
const embedded = databaseUrl ? null : await openEmbeddedDatabase();
const target = databaseUrl ?? embedded!.url;
try {
  const applied = await applyMigrations(target);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
  const key = envSetting("ENCRYPTION_KEY");
  const previous = envSetting("ENCRYPTION_KEYS_PREVIOUS") ?? "";
  if (key) {
    const keyring = createKeyring(key, commaList(previous));
    const { rewritten, failed } = await migrateSecretFormats(target, keyring);
    if (rewritten) console.log(`Rewrote ${rewritten} stored value(s) in the current encrypted format.`);
    if (failed)
      console.error(
        `${failed} stored secret(s) could not be decrypted: add their key to ENCRYPTION_KEYS_PREVIOUS and run again.`,
      );
  } else {
    console.log("ENCRYPTION_KEY is not set: values in older formats were not rewritten (run again with it).");
  }
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.close();
}
// The wasm engine leaves a 10 s timer behind; nothing else is pending, so don't wait for it.
process.exit();
