// A second production server on its own empty embedded database (same build as the suite's server), for what needs a
// fresh install: the first-run setup.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startApp } from "../../bench/support/app-server";
import { TEST_DIST_DIR } from "../../scripts/production-build";

export async function startFreshServer() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "org-integrations-e2e-fresh-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = { PGLITE_DIR: dataDir, NEXTAUTH_URL: url, ALLOW_INSECURE_HTTP: "1" };
  for (const name of ["DATABASE_URL", "NODE_ENV", "PUBLIC_BASE_URL", "ENCRYPTION_KEY", "NEXTAUTH_SECRET", "REDIS_URL"])
    env[name] = undefined;
  const app = await startApp({ distDir: TEST_DIST_DIR, env, port });
  return {
    url,
    stop: async () => {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
