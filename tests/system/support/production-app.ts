// How the system tests start the production server: the build the global setup made, over plain HTTP on loopback
// (production refuses an http NEXTAUTH_URL without ALLOW_INSECURE_HTTP), with this file's own secrets.
import { inject } from "vitest";
import { startApp, type AppServer } from "../../../bench/support/app-server";

export type AppSecrets = { encryptionKey: string; authSecret: string };

/** A production instance (`npm start`) with these secrets; `env` says which database it uses (and its log level). */
export function startProductionApp(secrets: AppSecrets, env: Record<string, string | undefined>): Promise<AppServer> {
  return startApp({
    distDir: inject("systemDistDir"),
    env: {
      NODE_ENV: "production",
      ALLOW_INSECURE_HTTP: "1",
      ENCRYPTION_KEY: secrets.encryptionKey,
      NEXTAUTH_SECRET: secrets.authSecret,
      ...env,
    },
  });
}

/** The embedded database (PGlite) in `dataDir`: no PostgreSQL or Redis from the caller's environment. */
export const embeddedDatabaseEnv = (dataDir: string) => ({
  PGLITE_DIR: dataDir,
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
});
