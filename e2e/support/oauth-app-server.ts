// A second app server, only for the OAuth spec: it has the "Connect with …" apps (HubSpot, Salesforce, Facebook)
// pointed at a fake authorization server. Not the shared e2e server, because Facebook's app needs
// FACEBOOK_APP_SECRET, which also signs every Facebook webhook of the server — and the shared server's Messenger
// specs check what happens when no App Secret is configured anywhere.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { request } from "@playwright/test";
import { freePort, startApp, type AppServer } from "../../bench/support/app-server";
import { TEST_DIST_DIR } from "../../scripts/production-build";
import { createOrg } from "./cli";
import { PASSWORD } from "./seed-data";

export type OAuthAppServer = {
  url: string;
  orgId: string;
  apiKey: string;
  /** The owner's signed-in browser state. */
  ownerState: Awaited<ReturnType<Awaited<ReturnType<typeof request.newContext>>["storageState"]>>;
  stop: () => Promise<void>;
};

export async function startOAuthAppServer(oauthEnv: Record<string, string>): Promise<OAuthAppServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "org-integrations-oauth-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let app: AppServer | undefined;
  const previousDir = process.env.E2E_PGLITE_DIR;
  try {
    app = await startApp({
      distDir: TEST_DIST_DIR,
      port,
      env: {
        ...oauthEnv,
        PGLITE_DIR: dataDir,
        // The address the browser uses, so providers send it back there with its session cookie.
        NEXTAUTH_URL: url,
        PUBLIC_BASE_URL: url,
        ALLOW_INSECURE_HTTP: "1",
        PROVIDER_ALLOW_PRIVATE_HOSTS: "1",
        DATABASE_URL: undefined,
        NODE_ENV: undefined,
        ENCRYPTION_KEY: undefined,
        NEXTAUTH_SECRET: undefined,
        REDIS_URL: undefined,
      },
    });
    process.env.E2E_PGLITE_DIR = dataDir;
    const email = "oauth-owner@acme.test";
    const seeded = createOrg("Acme OAuth", email, PASSWORD);
    const context = await request.newContext({ baseURL: url });
    const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const signedIn = await context.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: PASSWORD, json: "true" },
      maxRedirects: 0,
    });
    if (signedIn.status() >= 400) throw new Error(`sign-in failed: ${signedIn.status()}`);
    const ownerState = await context.storageState();
    await context.dispose();
    const server = app;
    return {
      url,
      orgId: seeded.org_id!,
      apiKey: seeded.api_key!,
      ownerState,
      stop: async () => {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (previousDir === undefined) delete process.env.E2E_PGLITE_DIR;
    else process.env.E2E_PGLITE_DIR = previousDir;
  }
}
