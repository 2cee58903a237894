// Structured JSON logs (pino). Anything that looks like a credential is redacted before it is written, whatever
// the caller passed: a log line must never carry a secret.
import pino from "pino";

const SECRET_KEYS = [
  "password", "passwordHash", "api_secret", "apiSecret", "access_token", "accessToken", "refresh_token", "refreshToken",
  "webhook_verify_token", "webhookVerifyToken", "authorization", "cookie", "key", "api_key", "token", "secret",
];

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "org-integrations" },
  redact: { paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]), censor: "[redacted]" },
});
