// npm run keys:rotate — after setting a new ENCRYPTION_KEY and moving the old one to ENCRYPTION_KEYS_PREVIOUS,
// re-encrypts every stored secret under the new key. Idempotent. Prints counts only, never a value.
// Exit code: 0 done, 1 some values could not be decrypted (their key is missing from ENCRYPTION_KEYS_PREVIOUS).
import { existsSync } from "node:fs";
import { devSecretsFile, loadOrCreateDevSecrets } from "../lib/db/tooling/dev-secrets";
import { envSetting } from "../lib/config/server-env";
import { withDatabase } from "./with-database";

// Development has no ENCRYPTION_KEY in the environment: the app uses the generated one, and so does this command.
if (!envSetting("ENCRYPTION_KEY") && envSetting("NODE_ENV") !== "production" && existsSync(devSecretsFile())) {
  process.env.ENCRYPTION_KEY = loadOrCreateDevSecrets().secrets.ENCRYPTION_KEY;
}

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
