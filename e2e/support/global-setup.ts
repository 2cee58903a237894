// Once per run: build (when stale), start the production server on a free port with a throwaway embedded
// database, seed an organization with an owner, an admin and a viewer, and save signed-in browser states.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { request } from "@playwright/test";
import { freePort } from "../../bench/support/app-server";
import { ensureProductionBuild, TEST_DIST_DIR } from "../../scripts/production-build";
import { addMember, createOrg } from "./cli";
import { PASSWORD, STATE_DIR, USERS } from "./seed-data";

async function waitForServer(baseUrl: string, child: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited early (code ${child.exitCode}); see test-results/e2e-server.log`);
    try {
      const response = await fetch(`${baseUrl}/signin`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/** A real sign-in through next-auth's credentials endpoint; the cookies are saved for the tests to reuse. */
async function saveSignedInState(baseUrl: string, email: string, file: string) {
  const context = await request.newContext({ baseURL: baseUrl });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`Sign-in of ${email} failed: ${response.status()}`);
  await context.storageState({ path: file });
  await context.dispose();
}

/** The caller's environment minus anything that would point the server at another database or secrets. */
function serverEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...overrides };
  for (const name of [
    "DATABASE_URL",
    "NODE_ENV",
    "NEXTAUTH_URL",
    "PUBLIC_BASE_URL",
    "ENCRYPTION_KEY",
    "NEXTAUTH_SECRET",
    "FACEBOOK_APP_SECRET",
    "REDIS_URL",
  ])
    delete env[name];
  return env;
}

export default async function globalSetup() {
  const root = process.cwd();
  ensureProductionBuild(TEST_DIST_DIR, (line) => console.log(`[e2e] ${line}`));

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "org-integrations-e2e-"));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  // An external frontend's origin (e2e/cors-external-frontend.spec.ts serves a page there): allowed by CORS.
  const frontendOrigin = `http://127.0.0.1:${await freePort()}`;
  mkdirSync(path.join(root, "test-results"), { recursive: true });
  const log = createWriteStream(path.join(root, "test-results", "e2e-server.log"));
  const started = Date.now();
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start"], {
    cwd: root,
    env: serverEnv({
      NEXT_DIST_DIR: TEST_DIST_DIR,
      PGLITE_DIR: dataDir,
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      // The fake Graph API of the inbox test listens on 127.0.0.1.
      PROVIDER_ALLOW_PRIVATE_HOSTS: "1",
      MESSENGER_MEDIA_HOSTS: "127.0.0.1,localhost",
      // `next start` runs as production, which refuses the plain-HTTP NEXTAUTH_URL of this loopback server otherwise.
      ALLOW_INSECURE_HTTP: "1",
      CORS_ALLOWED_ORIGINS: frontendOrigin,
    }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so teardown stops Next as well as the launcher
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);

  const stop = async () => {
    if (server.exitCode === null && server.pid) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) process.kill(-server.pid, "SIGKILL");
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForServer(baseUrl, server);
    console.log(`[e2e] Server up at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    process.env.E2E_PGLITE_DIR = dataDir;
    const main = createOrg("Acme Support", USERS.owner, PASSWORD);
    // A second organization of the same owner, so the org switcher is exercised.
    const second = createOrg("Acme Labs", USERS.owner, PASSWORD);
    addMember(main.org_id!, USERS.viewer, PASSWORD, "viewer");
    addMember(main.org_id!, USERS.signOut, PASSWORD, "viewer");
    mkdirSync(path.join(root, STATE_DIR), { recursive: true });
    for (const role of ["owner", "viewer"] as const) {
      await saveSignedInState(baseUrl, USERS[role], path.join(root, STATE_DIR, `${role}.json`));
    }
    Object.assign(process.env, {
      E2E_BASE_URL: baseUrl,
      E2E_ORG_ID: main.org_id,
      E2E_SECOND_ORG_ID: second.org_id,
      E2E_API_KEY: main.api_key,
      E2E_FRONTEND_ORIGIN: frontendOrigin,
    });
    console.log(`[e2e] Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s since start.`);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
