// Runs `scripts/launch.ts start` (what `npm start` runs) in a child process with a clean environment: only PATH,
// HOME, the test database and what the test adds. For the checks the launcher makes before it starts anything.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

const run = promisify(execFile);

/** The launcher's exit code and what it printed on stderr (0 and "" when it started and stopped by itself). */
export async function launchStart(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
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
