// Structured JSON logs (pino). Anything that looks like a credential is redacted before it is written, whatever
// the caller passed: a log line must never carry a secret.
import path from "node:path";
import pino, { type DestinationStream } from "pino";
import { envSetting } from "@/lib/config/server-env";

export const SECRET_KEYS = [
  "password",
  "passwordHash",
  "api_secret",
  "apiSecret",
  "access_token",
  "accessToken",
  "refresh_token",
  "refreshToken",
  "webhook_verify_token",
  "webhookVerifyToken",
  "authorization",
  "cookie",
  "set-cookie",
  "key",
  "api_key",
  "token",
  "secret",
  "appSecret",
  "app_secret",
  "verify_token",
  "hub.verify_token",
  "x-hub-signature-256",
  "encryption_key",
  "ENCRYPTION_KEY",
  "NEXTAUTH_SECRET",
  "FACEBOOK_APP_SECRET",
  "HUBSPOT_CLIENT_SECRET",
  "SALESFORCE_CLIENT_SECRET",
  "client_secret",
  "code_verifier",
  "DATABASE_URL",
  "REDIS_URL",
];

// Keys with characters outside identifiers must be written as bracket paths for pino's redaction.
const redactPath = (prefix: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}${key}` : `${prefix.replace(/\.$/, "")}["${key}"]`;

export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [
  redactPath("", key),
  redactPath("*.", key),
  redactPath("*.*.", key),
  redactPath("*.*.*.", key),
]);

/** A logger with the project's redaction; `destination` is for tests that must read what was written. */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}) {
  const level = options.level ?? envSetting("LOG_LEVEL") ?? (envSetting("NODE_ENV") === "test" ? "silent" : "info");
  const settings = {
    level,
    base: { service: "org-integrations" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

// The test suite's secret-leak scan sets LOG_CAPTURE_DIR: every line goes to a file per process, to be scanned.
const captureDir = envSetting("LOG_CAPTURE_DIR");
export const logger = captureDir
  ? createLogger({
      destination: pino.destination({
        dest: path.join(captureDir, `log-${process.pid}.jsonl`),
        sync: true,
        mkdir: true,
      }),
    })
  : createLogger();
