// npm run keys:rotate — after setting a new ENCRYPTION_KEY and moving the old one to ENCRYPTION_KEYS_PREVIOUS,
// re-encrypts every stored secret under the new key. Idempotent. Prints counts only, never a value.
// Exit code: 0 done, 1 some values could not be decrypted (their key is missing from ENCRYPTION_KEYS_PREVIOUS).
import { devEncryptionKeyForCommand } from "../lib/db/tooling/dev-secrets";
import { withDatabase } from "./with-database";

// Development has no ENCRYPTION_KEY in the environment: the app uses the generated one, and so does this command.
const devEncryptionKey = devEncryptionKeyForCommand();
if (devEncryptionKey) process.env.ENCRYPTION_KEY = devEncryptionKey;

try {
  const report = await withDatabase(async () => {
    const { serverEnv } = await import("../lib/config/server-env");
    const { db } = await import("../lib/db/prisma");
    const { rotateSecrets } = await import("../lib/crypto/rotate-secrets");
    return rotateSecrets({ client: db(), keyring: serverEnv().keyring });
  });
  let failed = 0;
  for (const [column, counts] of Object.entries(report.columns)) {
    failed += counts.failed;
    console.error(
      `${column}: ${counts.reEncrypted} re-encrypted, ${counts.alreadyCurrent} already current, ${counts.failed} failed`,
    );
  }
  if (failed)
    console.error(
      `${failed} value(s) are encrypted with a key that is not configured: add it to ENCRYPTION_KEYS_PREVIOUS and run again.`,
    );
  console.log(JSON.stringify(report));
  process.exit(failed ? 1 : 0);
} catch (error) {
  console.error(`keys:rotate failed: ${(error as Error).message}`);
  process.exit(1);
}
