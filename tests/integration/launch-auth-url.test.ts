// `npm start` runs Next as production, which needs an https NEXTAUTH_URL (Secure session cookies) unless
// ALLOW_INSECURE_HTTP=1: the launcher says so and stops, instead of starting a server whose every request fails.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchStart } from "../helpers/launch-start";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "oi-launch-auth-url-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

// A database is named, so nothing is opened before the check; the data folder only holds generated dev secrets.
const launchWith = (env: Record<string, string>) => launchStart({ PGLITE_DIR: dataDir, ...env });

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
      const result = await launchWith(env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/NEXTAUTH_URL must be the https:\/\/ address .* ALLOW_INSECURE_HTTP=1/);
    }
  });

  it("stops as well without NODE_ENV: `next start` is production whatever the launcher's environment says", async () => {
    const result = await launchWith({});
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NEXTAUTH_URL must be the https:\/\/ address/);
  });
});
