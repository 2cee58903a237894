// The bootstrap command, run as a user would run it: a child process, JSON line last on stdout.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { bearer, callRoute } from "../helpers/call-route";
import { listRoute } from "../helpers/routes";

const tsx = path.resolve("node_modules/.bin/tsx");

/** Runs the command; `stdin` is written to it and closed (without it, stdin is closed at once). */
function orgCreate(
  args: string[],
  env: Record<string, string>,
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/org-create.ts", ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lastJsonLine = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!);

describe("npm run org:create", () => {
  it("creates the org, its owner and a working owner API key; reuses an existing user", async () => {
    const email = `founder-${Date.now()}@acme.test`;
    const env = { DATABASE_URL: inject("databaseUrl") };
    const first = await orgCreate(["--name", "Acme", "--email", email], {
      ...env,
      ORG_PASSWORD: "correct horse battery",
    });
    expect(first.code).toBe(0);
    expect(first.stderr).not.toMatch(/Warning/);
    const created = lastJsonLine(first.stdout);
    expect(Object.keys(created).sort()).toEqual(["api_key", "org_id", "user_id"]);
    expect(first.stdout.trim().split("\n")).toHaveLength(1);

    const user = await db().user.findUniqueOrThrow({ where: { id: created.user_id } });
    expect(await verifyPassword("correct horse battery", user.passwordHash)).toBe(true);
    const list = await callRoute(listRoute.GET, {
      path: `/organization-integrations?org_id=${created.org_id}`,
      headers: bearer(created.api_key),
    });
    expect(list.status).toBe(200);

    const second = lastJsonLine((await orgCreate(["--name", "Acme EU", "--email", email.toUpperCase()], env)).stdout);
    expect(second.user_id).toBe(created.user_id);
    expect(second.org_id).not.toBe(created.org_id);
    const roles = await db().membership.findMany({ where: { userId: created.user_id } });
    expect(roles.map((m) => m.role)).toEqual(["owner", "owner"]);
  });

  it("explains what is wrong instead of failing obscurely", async () => {
    const env = { DATABASE_URL: inject("databaseUrl") };
    const missing = await orgCreate(["--name", "Acme"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Usage: npm run org:create/);
    const weak = await orgCreate(["--name", "Acme", "--email", `weak-${Date.now()}@acme.test`], {
      ...env,
      ORG_PASSWORD: "short",
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 10 characters/);
    expect(weak.stdout).toBe("");
  });

  it("takes the password from stdin with --password-stdin; --password still works but warns", async () => {
    const env = { DATABASE_URL: inject("databaseUrl") };
    const piped = await orgCreate(
      ["--name", "Piped", "--email", `piped-${Date.now()}@acme.test`, "--password-stdin"],
      env,
      "a piped password\n",
    );
    expect(piped.code).toBe(0);
    const pipedUser = await db().user.findUniqueOrThrow({ where: { id: lastJsonLine(piped.stdout).user_id } });
    expect(await verifyPassword("a piped password", pipedUser.passwordHash)).toBe(true);

    const onCommandLine = await orgCreate(
      ["--name", "Argv", "--email", `argv-${Date.now()}@acme.test`, "--password", "visible to ps and history"],
      env,
    );
    expect(onCommandLine.code).toBe(0);
    expect(onCommandLine.stderr).toMatch(/Warning: --password puts the password where other users/);
    expect(onCommandLine.stderr).not.toContain("visible to ps and history");
  });

  // Embedded mode does not depend on which database the other tests use: run it once, in the PGlite pass.
  const itOnce = inject("databaseKind") === "pglite" ? it : () => {};
  itOnce("works on a fresh embedded database with no server at all", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "oi-embedded-"));
    try {
      const result = await orgCreate(["--name", "Fresh", "--email", "fresh@acme.test"], {
        DATABASE_URL: "",
        PGLITE_DIR: dataDir,
        ORG_PASSWORD: "fresh install pw",
      });
      expect(result.code).toBe(0);
      expect(lastJsonLine(result.stdout).api_key).toMatch(/^oik_/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
