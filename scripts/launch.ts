// `npm run dev` / `npm start`: checks the configuration, provides the embedded database when DATABASE_URL is unset
// (this process owns it, migrates it and serves it on a Unix socket only this OS user can reach), then runs Next
// with the resulting environment.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { devSecretsFile, loadOrCreateDevSecrets } from "../lib/db/tooling/dev-secrets";
import { defaultDataRoot, openEmbeddedDatabase, type EmbeddedDatabase } from "../lib/db/tooling/embedded";
import { applyMigrations } from "../lib/db/tooling/schema-engine";
import { migrateSecretFormats } from "../lib/crypto/migrate-secret-formats";
import { insecureAuthUrlProblem, parseServerEnv, ServerConfigError } from "../lib/config/server-env";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("Usage: tsx scripts/launch.ts dev|start [next options]");
  process.exit(2);
}
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const isProduction = env.NODE_ENV === "production";

if (!isProduction && (!env.ENCRYPTION_KEY || !env.NEXTAUTH_SECRET)) {
  const { secrets, isNew } = loadOrCreateDevSecrets();
  if (isNew)
    console.log(
      `[launch] Generated development secrets in ${devSecretsFile()} (set ENCRYPTION_KEY and NEXTAUTH_SECRET in production).`,
    );
  env.ENCRYPTION_KEY ??= secrets.ENCRYPTION_KEY;
  env.NEXTAUTH_SECRET ??= secrets.NEXTAUTH_SECRET;
}
try {
  parseServerEnv(env);
} catch (error) {
  if (!(error instanceof ServerConfigError)) throw error;
  console.error(`[launch] ${error.message}`);
  process.exit(1);
}

let embedded: EmbeddedDatabase | null = null;
if (!env.DATABASE_URL) {
  embedded = await openEmbeddedDatabase();
  if (!embedded.isOwner) {
    console.error(`[launch] Another running process owns the embedded database in ${defaultDataRoot}. Stop it first.`);
    process.exit(1);
  }
  const applied = await applyMigrations(embedded.url);
  if (applied.length) console.log(`[launch] Applied migrations: ${applied.join(", ")}`);
  // Secrets written by an older version (api_key in clear, unbound v1 payloads) are rewritten in the current format.
  const { rewritten } = await migrateSecretFormats(embedded.url, parseServerEnv(env).keyring);
  if (rewritten) console.log(`[launch] Rewrote ${rewritten} stored value(s) in the current encrypted format.`);
  env.DATABASE_URL = embedded.url;
  // PGlite executes one statement at a time; a small pool keeps the socket multiplexer's queue short.
  env.DATABASE_POOL_MAX ??= "4";
  console.log(`[launch] Embedded database ready (PGlite in ${defaultDataRoot}; set DATABASE_URL to use PostgreSQL).`);
}
const port = env.PORT ?? "3000";
env.NEXTAUTH_URL ??= `http://localhost:${port}`;
// `next start` runs Next as production whatever NODE_ENV says here, and production refuses a plain-HTTP NEXTAUTH_URL
// (lib/config/server-env.ts): say so now rather than have every request fail.
const authUrlProblem = mode === "start" ? insecureAuthUrlProblem(env) : null;
if (authUrlProblem) {
  console.error(`[launch] ${authUrlProblem}`);
  await embedded?.close();
  process.exit(1);
}
// Webhook URLs shown to admins are built from this; behind a tunnel or proxy, set it to the public address.
env.PUBLIC_BASE_URL ??= `http://localhost:${port}`;

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, mode, "-p", port, ...process.argv.slice(3)], { env, stdio: "inherit" });

// Graceful shutdown (SIGTERM from an orchestrator, Ctrl+C): Next stops accepting connections and finishes the
// requests in flight, then exits; only then is the embedded database closed, so no request loses its database.
// A stop that was asked for is a clean exit (0), whatever code Next reports for it.
const SHUTDOWN_TIMEOUT_MS = Number(env.SHUTDOWN_TIMEOUT_MS ?? 25_000);
let isStopping = false;
function stop(signal: NodeJS.Signals) {
  if (isStopping) return;
  isStopping = true;
  console.log(`[launch] ${signal}: finishing in-flight requests, then stopping.`);
  child.kill(signal);
  // Past the deadline (a hung request), stop anyway: an orchestrator would SIGKILL us a little later regardless.
  setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_TIMEOUT_MS).unref();
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
child.on("exit", async (code, signal) => {
  await embedded?.close().catch((error) => console.error(`[launch] Closing the embedded database failed: ${error}`));
  if (!isStopping) process.exit(code ?? 1);
  console.log("[launch] Stopped.");
  process.exit(signal === "SIGKILL" ? 1 : 0);
});
