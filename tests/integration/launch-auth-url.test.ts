// `npm start` runs Next as production, which needs an https NEXTAUTH_URL (Secure session cookies) unless
// ALLOW_INSECURE_HTTP=1: the launcher says so and stops, instead of starting a server whose every request fails.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const run = promisify(execFile);
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "oi-launch-auth-url-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function launchStart(env: Record<string, string>) {
  const tsx = path.resolve("node_modules/.bin/tsx");
  // A database is named, so nothing is opened before the check; the data folder only holds generated dev secrets.
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    DATABASE_URL: inject("databaseUrl"),
    PGLITE_DIR: dataDir,
  };
  try {
    await run(tsx, ["scripts/launch.ts", "start"], { env: { ...base, ...env } as NodeJS.ProcessEnv, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

const secrets = {
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
};

describe("npm start and NEXTAUTH_URL", () => {
  it("stops in production when NEXTAUTH_URL is plain HTTP or missing, and says how to fix it", async () => {
    for (const env of [
      { NODE_ENV: "production", ...secrets, NEXTAUTH_URL: "http://integrations.example.test" },
      { NODE_ENV: "production", ...secrets },
    ]) {
      const result = await launchStart(env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/NEXTAUTH_URL must be the https:\/\/ address .* ALLOW_INSECURE_HTTP=1/);
    }
  });

  it("stops as well without NODE_ENV: `next start` is production whatever the launcher's environment says", async () => {
    const result = await launchStart({});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NEXTAUTH_URL must be the https:\/\/ address/);
  });
});
