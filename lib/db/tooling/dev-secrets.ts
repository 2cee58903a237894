// Development convenience: a fresh checkout runs without setting any secret. The first start generates them into
// the data folder (git-ignored) and reuses them afterwards, so encrypted rows and sessions survive restarts.
// Production never takes this path: there a missing secret stops the start (see lib/config/server-env.ts).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { envSetting } from "@/lib/config/server-env";

export type DevSecrets = { ENCRYPTION_KEY: string; NEXTAUTH_SECRET: string };

export function devSecretsFile(dataRoot = envSetting("PGLITE_DIR")) {
  return path.resolve(dataRoot, "dev-secrets.json");
}

export function loadOrCreateDevSecrets(file = devSecretsFile()): { secrets: DevSecrets; isNew: boolean } {
  // Owner-only, like the database beside it; folders and files left open by older versions are closed here too.
  const folder = path.dirname(file);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    return { secrets: JSON.parse(readFileSync(file, "utf8")) as DevSecrets, isNew: false };
  }
  const secrets: DevSecrets = {
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, isNew: true };
}

/** For commands run by hand (db:migrate, keys:rotate): in development, when the environment has no ENCRYPTION_KEY, the
 *  key the app generated (if it has generated one); otherwise undefined. */
export function devEncryptionKeyForCommand(): string | undefined {
  if (envSetting("ENCRYPTION_KEY") || envSetting("NODE_ENV") === "production" || !existsSync(devSecretsFile())) {
    return undefined;
  }
  return loadOrCreateDevSecrets().secrets.ENCRYPTION_KEY;
}
