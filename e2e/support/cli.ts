// The project's own set-up commands, run against the server's embedded database (they connect through the
// launcher that owns it, found via PGLITE_DIR).
import { execFileSync } from "node:child_process";

// The password travels in ORG_PASSWORD, never on the command line (scripts/read-password.ts).
function runScript(script: string, args: string[], password: string): Record<string, string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: process.env.E2E_PGLITE_DIR, ORG_PASSWORD: password };
  delete env.DATABASE_URL;
  const output = execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lastLine = output.trim().split("\n").at(-1) ?? "";
  return JSON.parse(lastLine) as Record<string, string>;
}

export function createOrg(name: string, email: string, password: string) {
  return runScript("scripts/org-create.ts", ["--name", name, "--email", email], password);
}

export function addMember(orgId: string, email: string, password: string, role: "owner" | "admin" | "viewer") {
  return runScript("scripts/org-add-member.ts", ["--org", orgId, "--email", email, "--role", role], password);
}
