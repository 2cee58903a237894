// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database when it is unset.
import { applyMigrations } from "../lib/db/schema-engine";
import { openEmbeddedDatabase } from "../lib/db/embedded";

const embedded = process.env.DATABASE_URL ? null : await openEmbeddedDatabase();
const target = process.env.DATABASE_URL ?? embedded!.url;
try {
  const applied = await applyMigrations(target);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
} catch (error) {
  console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.close();
}
// The wasm engine leaves a 10 s timer behind; nothing else is pending, so don't wait for it.
process.exit();
