// Every setting the app reads, validated. The one place that reads process.env (lib/config/env-reads.test.ts keeps
// it so); what each setting does is in lib/config/server-env-schema.ts and .env.example.
//
// Two exceptions, read raw where they are used: NODE_ENV and NEXT_RUNTIME. Next replaces `process.env.NODE_ENV` and
// `process.env.NEXT_RUNTIME` with constants when it bundles (browser, proxy and server code alike), which is what
// drops development-only code from production bundles (lib/api/response-contract.ts) and Node-only imports from
// the edge build (instrumentation.ts); a call into this module would keep both.
import { type z } from "zod";
// Relative imports here and in the schema: next.config.ts reads its settings from this module, and Next compiles
// that file without the "@/" alias.
import { createKeyring, type EncryptionKeyring } from "../crypto/secrets";
import { ZServerEnv, type ServerSettingName } from "./server-env-schema";

export type ServerEnv = z.infer<typeof ZServerEnv> & {
  keyring: EncryptionKeyring;
  authSecret: string;
  corsAllowedOrigins: string[];
  defaultFacebookApiBaseUrl: string;
  messengerMediaHosts: string[];
};

export class ServerConfigError extends Error {}

/**
 * Session cookies are Secure (and named __Secure-…) only when NEXTAUTH_URL is https, so production refuses a
 * plain-HTTP NEXTAUTH_URL unless ALLOW_INSECURE_HTTP=1 says this is a lab without TLS.
 */
export function insecureAuthUrlProblem(source: Record<string, string | undefined>): string | null {
  if (source.ALLOW_INSECURE_HTTP === "1" || source.NEXTAUTH_URL?.startsWith("https://")) return null;
  return "NEXTAUTH_URL must be the https:// address people use to reach the app (TLS may end at a proxy in front of it); set ALLOW_INSECURE_HTTP=1 only for a plain-HTTP lab.";
}

function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = ZServerEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new ServerConfigError(`Invalid server configuration: ${problems}`);
  }
  const env = parsed.data;
  const { ENCRYPTION_KEY: encryptionKey, NEXTAUTH_SECRET: authSecret } = env;
  // In development the launcher (scripts/launch.ts) fills these in from .data/dev-secrets.json before Next starts.
  if (!encryptionKey || !authSecret) {
    throw new ServerConfigError(
      "ENCRYPTION_KEY and NEXTAUTH_SECRET must be set (generate each with `openssl rand -base64 32`); `npm run dev` sets them up for development.",
    );
  }
  const authUrlProblem = env.NODE_ENV === "production" ? insecureAuthUrlProblem(source) : null;
  if (authUrlProblem) throw new ServerConfigError(authUrlProblem);
  const previousKeys = commaList(env.ENCRYPTION_KEYS_PREVIOUS ?? "");
  let keyring: EncryptionKeyring;
  try {
    keyring = createKeyring(encryptionKey, previousKeys);
  } catch (error) {
    throw new ServerConfigError((error as Error).message);
  }
  return {
    ...env,
    keyring,
    authSecret,
    corsAllowedOrigins: commaList(env.CORS_ALLOWED_ORIGINS),
    messengerMediaHosts: commaList(env.MESSENGER_MEDIA_HOSTS.toLowerCase()),
    defaultFacebookApiBaseUrl: `${env.GRAPH_API_BASE_URL.replace(/\/+$/, "")}/${env.GRAPH_API_VERSION}`,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL.replace(/\/+$/, ""),
  };
}

/** A comma-separated setting's entries, trimmed, empty ones dropped. */
export function commaList(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

let cached: ServerEnv | undefined;

/** The validated settings, parsed once; read lazily so tests can set the environment before first use. */
export function serverEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

type SettingValue<TName extends ServerSettingName> = z.output<(typeof ZServerEnv.shape)[TName]>;

/**
 * One setting, parsed from the environment at each call (a single field: about a microsecond). For what tests change
 * between tests (DATABASE_URL, REDIS_URL) and for code that runs before the secrets serverEnv() insists on exist
 * (the launcher's and commands' database, the logger). An empty variable counts as unset, as `.env` files write it.
 */
export function envSetting<TName extends ServerSettingName>(name: TName): SettingValue<TName> {
  const raw = process.env[name];
  const parsed = ZServerEnv.shape[name].safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) {
    throw new ServerConfigError(
      `Invalid server configuration: ${name}: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`,
    );
  }
  return parsed.data as SettingValue<TName>;
}

/** The setting as the environment gives it, without its default: undefined when unset. */
export function configuredSetting<TName extends ServerSettingName>(name: TName): SettingValue<TName> | undefined {
  return process.env[name] ? envSetting(name) : undefined;
}

export { parseServerEnv };
