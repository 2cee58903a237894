// Secret-leak scan of the whole test suite. While tests run, callRoute records every response body and every
// secret a test sent (secret-named body fields, Authorization and Cookie headers), and the logger writes every line
// to a file (LOG_CAPTURE_DIR). After the run, every response and every log line is searched for every secret, in
// the forms a leak would take (as is, URL-encoded, JSON-escaped, base64). One file per process: workers never
// share a file handle.
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Body fields whose values must never come back in a response nor appear in a log line. */
export const SECRET_FIELDS = new Set([
  "api_secret",
  "access_token",
  "refresh_token",
  "password",
  "app_secret",
  "client_secret",
]);
/** Returned by design (the admin pastes it into Meta's dashboard) but must never be logged. */
export const LOG_ONLY_SECRET_FIELDS = new Set(["webhook_verify_token"]);
const MASK = "••••••";
// The one response allowed to carry a credential: the one that issues it ("copy it now: it is not shown again").
const isIssuingResponse = (where: string, status: number, secret: string) =>
  where.startsWith("POST /create-organization-api-key") && status === 201 && secret.startsWith("oik_");
// Shorter values ("r", "x") would match by chance in any text: such test values prove nothing either way.
const MIN_SECRET_LENGTH = 8;

export type SecretScope = "everywhere" | "logs";
export type LeakHit = { secretPreview: string; scope: SecretScope; file: string; line: number; form: string };

export function leakScanDir(): string | undefined {
  return process.env.LEAK_SCAN_DIR;
}

function append(dir: string, kind: "secrets" | "responses", record: unknown) {
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, `${kind}-${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

export function recordSecret(value: unknown, scope: SecretScope = "everywhere", dir = leakScanDir()) {
  if (!dir || typeof value !== "string" || value === MASK || value.length < MIN_SECRET_LENGTH) return;
  append(dir, "secrets", { value, scope });
}

export function recordResponse(where: string, status: number, body: string, dir = leakScanDir()) {
  if (dir) append(dir, "responses", { where, status, body });
}

/** Secrets inside a request: secret-named fields at any depth, the bearer token, the cookie values. */
export function recordRequestSecrets(body: unknown, headers: Record<string, string>, dir = leakScanDir()) {
  if (!dir) return;
  // Iterative: tests send absurdly nested bodies on purpose, and a recursive walk would overflow the stack.
  const pending: unknown[] = [body];
  while (pending.length) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    if (!value || typeof value !== "object") continue;
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_FIELDS.has(key)) recordSecret(inner, "everywhere", dir);
      else if (LOG_ONLY_SECRET_FIELDS.has(key)) recordSecret(inner, "logs", dir);
      else pending.push(inner);
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "authorization") recordSecret(value.replace(/^\S+\s+/, ""), "everywhere", dir);
    if (name.toLowerCase() === "cookie")
      for (const part of value.split(";")) recordSecret(part.split("=").slice(1).join("="), "everywhere", dir);
  }
}

function readJsonLines<T>(dir: string, prefix: string): { file: string; line: number; record: T }[] {
  const out: { file: string; line: number; record: T }[] = [];
  for (const file of readdirSync(dir).filter((name) => name.startsWith(prefix))) {
    readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .forEach((text, index) => {
        if (text.trim()) out.push({ file, line: index + 1, record: JSON.parse(text) as T });
      });
  }
  return out;
}

function leakForms(secret: string): [string, string][] {
  return [
    ["as is", secret],
    ["URL-encoded", encodeURIComponent(secret)],
    ["JSON-escaped", JSON.stringify(secret).slice(1, -1)],
    ["base64", Buffer.from(secret).toString("base64")],
    ["base64url", Buffer.from(secret).toString("base64url")],
  ];
}

/** The secrets (by preview) that occur in `text` in any leak form: for a production server's own output. */
export function secretsFoundIn(text: string, secrets: string[]): string[] {
  return secrets
    .filter(
      (secret) => secret.length >= MIN_SECRET_LENGTH && leakForms(secret).some(([, needle]) => text.includes(needle)),
    )
    .map((secret) => `${secret.slice(0, 4)}…(${secret.length})`);
}

/** Every occurrence of a recorded secret (or `extraSecrets`) in a recorded response or a captured log line. */
export function scanForLeaks(
  dir: string,
  extraSecrets: string[] = [],
): { hits: LeakHit[]; secrets: number; responses: number; logLines: number } {
  const secrets = new Map<string, SecretScope>();
  for (const { record } of readJsonLines<{ value: string; scope: SecretScope }>(dir, "secrets-")) {
    if (secrets.get(record.value) !== "everywhere") secrets.set(record.value, record.scope);
  }
  for (const value of extraSecrets) if (value.length >= MIN_SECRET_LENGTH) secrets.set(value, "everywhere");
  const responses = readJsonLines<{ where: string; status: number; body: string }>(dir, "responses-");
  const logLines: { file: string; line: number; text: string }[] = [];
  for (const file of readdirSync(dir).filter((name) => name.startsWith("log-"))) {
    readFileSync(path.join(dir, file), "utf8")
      .split("\n")
      .forEach((text, index) => text && logLines.push({ file, line: index + 1, text }));
  }
  const hits: LeakHit[] = [];
  for (const [secret, scope] of secrets) {
    const forms = leakForms(secret);
    const check = (text: string, file: string, line: number) => {
      // One hit per secret and line: the first form found (plain text also matches its own JSON escaping).
      const found = forms.find(([, needle]) => text.includes(needle));
      if (found)
        hits.push({ secretPreview: `${secret.slice(0, 4)}…(${secret.length})`, scope, file, line, form: found[0] });
    };
    if (scope === "everywhere") {
      for (const { record, file, line } of responses) {
        if (!isIssuingResponse(record.where, record.status, secret)) check(record.body, file, line);
      }
    }
    for (const { text, file, line } of logLines) check(text, file, line);
  }
  return { hits, secrets: secrets.size, responses: responses.length, logLines: logLines.length };
}
