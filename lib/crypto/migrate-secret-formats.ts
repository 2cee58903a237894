// Runs with the schema migrations (db:migrate, and every start of the embedded database): rewrites secrets stored in
// an older format — api_key in clear, v1 payloads not bound to their row — as current payloads. Values that are merely
// under an older key are left to `keys:rotate`. Cheap when there is nothing to do: the rows are filtered in SQL.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { rotateSecrets } from "./rotate-secrets";
import type { EncryptionKeyring } from "./secrets";

/** Returns how many values were rewritten, and how many could not be read (left as they are). */
export async function migrateSecretFormats(databaseUrl: string, keyring: EncryptionKeyring) {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }) });
  try {
    const report = await rotateSecrets({ client, keyring, onlyOldFormats: true });
    const counts = Object.values(report.columns);
    return {
      rewritten: counts.reduce((sum, column) => sum + column.reEncrypted, 0),
      failed: counts.reduce((sum, column) => sum + column.failed, 0),
    };
  } finally {
    await client.$disconnect();
  }
}
