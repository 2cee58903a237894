// The launcher refuses a production start without proper secrets, before anything is started or opened.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const run = promisify(execFile);

async function launch(env: Record<string, string>) {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const clean: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    DATABASE_URL: inject("databaseUrl"),
    ...env,
  };
  try {
    await run(tsx, ["scripts/launch.ts", "start"], { env: clean as NodeJS.ProcessEnv, timeout: 30_000 });
    return { code: 0, stderr: "" };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

describe("npm start in production", () => {
  it("stops with a clear message when secrets are missing", async () => {
    const result = await launch({ NODE_ENV: "production" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ENCRYPTION_KEY and NEXTAUTH_SECRET must be set/);
  });

  it("stops with a clear message when the key is malformed", async () => {
    const result = await launch({
      NODE_ENV: "production",
      ENCRYPTION_KEY: "bm90LTMyLWJ5dGVz",
      NEXTAUTH_SECRET: "s".repeat(40),
      NEXTAUTH_URL: "https://integrations.example.test", // valid, so the key is what gets reported
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ENCRYPTION_KEY must be 32 bytes/);
  });
});
