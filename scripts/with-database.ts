// For one-off commands (org:create, keys:rotate): the user's DATABASE_URL, or the embedded database — through
// the running app's launcher when one owns it, else opened here (and migrated) for the length of the command.
import { openEmbeddedDatabase } from "../lib/db/tooling/embedded";
import { applyMigrations } from "../lib/db/tooling/schema-engine";
import { envSetting } from "../lib/config/server-env";

export async function withDatabase<T>(work: () => Promise<T>): Promise<T> {
  if (envSetting("DATABASE_URL")) return work();
  const embedded = await openEmbeddedDatabase();
  try {
    if (embedded.isOwner) await applyMigrations(embedded.url);
    process.env.DATABASE_URL = embedded.url;
    process.env.DATABASE_POOL_MAX ??= "2";
    return await work();
  } finally {
    const { db } = await import("../lib/db/prisma");
    await db().$disconnect();
    await embedded.close();
  }
}
